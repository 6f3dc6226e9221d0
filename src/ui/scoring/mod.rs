//! 绩效评分, the first page: the platform's form and the indicators ([`form`]), the
//! sticky 得分汇总 ([`summary`]), the printed 得分表 ([`print`]), and the first visit's
//! choice of platform type ([`start`]). In the main module: it is the first screen.

pub mod form;
pub mod print;
pub mod start;
pub mod summary;
