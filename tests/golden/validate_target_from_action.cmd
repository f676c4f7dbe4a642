# A request for 2026-03 (action `search`, `like`): read for that target, as no flag or project file names one.
$ sift validate tests/json/request_2026_03.json
