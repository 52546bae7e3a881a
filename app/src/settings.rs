//! Tenant settings pages.

pub mod email;
