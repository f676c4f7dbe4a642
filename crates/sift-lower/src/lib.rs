//! sift-lower
