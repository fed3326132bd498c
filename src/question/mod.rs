//! Reading questions, in rooms a reader can name: the lexer (`tokens`, `words`) folds the words;
//! phrase rules (`phrases`) turn them into constraints that keep the words they came from
//! (`constraints`), nothing defaulted; one late step (`resolve`) gives the periods their days against
//! today and the question before, merges a follow-up with it, picks what is asked (or refuses two
//! asks that disagree) and says every default; the result is a plan (`plan`) that says back what it
//! answers (`restate`). `corpus` holds the phrases with the values they must resolve to.

mod constraints;
#[cfg(test)]
mod corpus;
mod follow;
pub mod model;
pub mod phrases;
mod plan;
pub mod resolve;
mod restate;
mod tokens;
mod words;

pub use crate::calendar::{Granularity, Period};
pub use constraints::DayOf;
pub use follow::Conversation;
pub use phrases::housing::{Dwelling, HousingAsk, Measure};
pub use phrases::limits::{Limit, Op};
pub use phrases::measures::{IndexAsk, IndexName, Statistic, Unit};
pub use phrases::places::{Gazetteer, Place, Station};
pub use phrases::transit::{TransitAsk, TransitMeasure, TransitNames};
pub use phrases::units::OutputUnit;
pub use plan::{AIR_VARIABLES, Intent, Plan, Refusal, Topic, WEATHER_VARIABLES, figure_of, said_for, variable_name};
pub use restate::period_words;
pub use tokens::fold;
