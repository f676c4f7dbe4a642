//! sift
