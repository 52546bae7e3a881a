//! The delivery log page (what happened to each message the platform sent) and the banner every
//! admin page shows while the tenant's sending is paused or its client secret expires.

pub mod api;
mod banner;
mod page;

pub use banner::ProviderBanners;
pub use page::DeliveriesPage;
