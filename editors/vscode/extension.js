// Starts `sift lsp` for .sift files; everything else is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("sift").get("path", "sift");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "sift",
    "sift",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "sift" },
        { scheme: "untitled", language: "sift" },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
