//! The scoring domain against the rules of 渝人社规〔2025〕4号 as read by
//! /work/shared/domain/scoring-rules.md. Expected values are worked by hand from the
//! appendices and written as literals.

#[path = "domain/common.rs"]
mod common;

#[path = "domain/data.rs"]
mod data;

#[path = "domain/fixtures.rs"]
mod fixtures;

#[path = "domain/boundaries.rs"]
mod boundaries;

#[path = "domain/next.rs"]
mod next;

#[path = "domain/rejections.rs"]
mod rejections;

#[path = "domain/properties.rs"]
mod properties;
