//! Tenant settings pages.

pub mod deliveries;
pub mod email;
pub mod tokens;
