//! One integration test binary (one link step) for the whole suite.

mod cli;
mod cluster;
mod components;
mod health;
mod helpers;
