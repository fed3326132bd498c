//! Reading questions: a question in French or English becomes a plan (what is asked, about which
//! variables, places and periods), every word accounted for.

pub mod asks;
pub mod dates;
mod follow;
pub mod housing;
pub mod limits;
pub mod places;
mod plan;
pub mod reading;
mod tokens;
mod vocabulary;
mod words;

pub use asks::{IndexAsk, IndexName, Unit};
pub use dates::{Granularity, Period};
pub use follow::Conversation;
pub use housing::{Dwelling, HousingAsk, Measure};
pub use limits::{Limit, Op};
pub use places::{Gazetteer, Place, Station};
pub use plan::{AIR_VARIABLES, DayOf, Intent, Plan, Refusal, Topic, WEATHER_VARIABLES, variable_name};
pub use tokens::fold;

/// Every word of the reader's tables.
fn table_words() -> Vec<&'static str> {
    let mut words = dates::known_words();
    words.extend(asks::known_words());
    words.extend(limits::known_words());
    words.extend(housing::known_words());
    words
}
