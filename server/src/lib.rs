//! The `mailwright` server: configuration, the HTTP surface and the command-line tools. The
//! binary (`main.rs`) only composes these.

pub mod accounts;
pub mod config;
pub mod copy_database;
pub mod health;
pub mod http;
pub mod logging;
pub mod memory;
pub mod rotate_key;
pub mod tokens;
