//! The corpus of the phrase rules: phrases in both languages with the values they must resolve to
//! (against a given "today"), and phrases that must not be read as something they are not.

use chrono::NaiveDate;

use crate::calendar::Granularity;
use crate::lang::Lang;
use crate::question::phrases::periods::read;
use crate::question::resolve::periods::{Frame, Resolved, resolve};
use crate::question::tokens::tokens;
use crate::question::words::Words;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn read_all(question: &str, as_of: &str) -> Resolved {
    let dates = read(&mut Words::new(tokens(question)), false);
    resolve(&dates.periods, Frame { as_of: d(as_of), previous: None, found: None, lang: Lang::En, coming: false })
}

mod periods {
    use super::*;

    fn range(question: &str, as_of: &str) -> Option<(NaiveDate, NaiveDate, Granularity)> {
        read_all(question, as_of).periods.first().map(|p| (p.from, p.to, p.granularity))
    }

    fn span(question: &str, from: &str, to: &str) {
        let found = range(question, "2022-06-30");
        assert_eq!(found.map(|(a, b, _)| (a, b)), Some((d(from), d(to))), "{question}");
    }

    #[test]
    fn absolute_dates_in_both_languages() {
        use Granularity::*;
        let now = "2021-06-15";
        assert_eq!(range("PM2.5 on 12 May 2020?", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("le 1er mars 2020", now), Some((d("2020-03-01"), d("2020-03-01"), Day)));
        assert_eq!(range("on May 12th, 2020", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("le 12/05/2020", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("on 2020-05-12", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("how cold was it on 1 Mar 2022", now), Some((d("2022-03-01"), d("2022-03-01"), Day)));
        assert_eq!(range("en mars 2020", now), Some((d("2020-03-01"), d("2020-03-31"), Month)));
        assert_eq!(range("in February 2020", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("summer 2020", now), Some((d("2020-06-01"), d("2020-08-31"), Season)));
        assert_eq!(range("in the summer of 2018", now), Some((d("2018-06-01"), d("2018-08-31"), Season)));
        assert_eq!(range("l'été 2020", now), Some((d("2020-06-01"), d("2020-08-31"), Season)));
        assert_eq!(range("l'hiver 2020", now), Some((d("2019-12-01"), d("2020-02-29"), Season)));
        assert_eq!(range("winter 2020-2021", now), Some((d("2020-12-01"), d("2021-02-28"), Season)));
        assert_eq!(range("en 2020", now), Some((d("2020-01-01"), d("2020-12-31"), Year)));
        assert_eq!(range("en juillet", now), Some((d("2020-07-01"), d("2020-07-31"), Month)));
        assert_eq!(range("in May", now), Some((d("2021-05-01"), d("2021-05-31"), Month)));
        assert_eq!(range("the 14 july", now), Some((d("2020-07-14"), d("2020-07-14"), Day)));
        assert_eq!(range("may I ask about the air", now), None);
        assert_eq!(range("Quel a été le jour le plus pollué ?", now), None);
        assert_eq!(range("en été", now), Some((d("2021-06-01"), d("2021-08-31"), Season)));
    }

    #[test]
    fn ranges_take_the_year_given_once() {
        span("How much rain fell from 5 to 12 October 2019?", "2019-10-05", "2019-10-12");
        span("du 1er au 7 juillet 2019", "2019-07-01", "2019-07-07");
        span("between 1 and 10 June 2018", "2018-06-01", "2018-06-10");
        span("from 17 March to 10 May 2020", "2020-03-17", "2020-05-10");
        span("du 10 au 16 août 2020", "2020-08-10", "2020-08-16");
        span("Average PM2.5 at Montferrand from 1 February to 15 March 2020", "2020-02-01", "2020-03-15");
        span("between December 20, 2018 and January 5, 2019", "2018-12-20", "2019-01-05");
        span("between January 15 and February 15, 2020", "2020-01-15", "2020-02-15");
        span("from 2016-07-01 to 2016-07-15", "2016-07-01", "2016-07-15");
        span("entre le 28 octobre et le 3 novembre 2015", "2015-10-28", "2015-11-03");
        span("from March to May 2020", "2020-03-01", "2020-05-31");
        span("1-7 July 2019", "2019-07-01", "2019-07-07");
        span("pm25 montferrand 2020-03 mean", "2020-03-01", "2020-03-31");
        assert_eq!(
            range("entre le 1er et le 15 novembre", "2020-12-31").map(|(a, b, _)| (a, b)),
            Some((d("2020-11-01"), d("2020-11-15")))
        );
        assert_eq!(
            range("between 20 December and 5 January", "2021-03-01").map(|(a, b, _)| (a, b)),
            Some((d("2020-12-20"), d("2021-01-05")))
        );
    }

    #[test]
    fn spans_of_years_quarters_halves_and_weeks() {
        use Granularity::*;
        let now = "2022-06-30";
        assert_eq!(range("between 2013 and 2021", now), Some((d("2013-01-01"), d("2021-12-31"), Years)));
        assert_eq!(range("mean temperature 2016-2019", now), Some((d("2016-01-01"), d("2019-12-31"), Years)));
        assert_eq!(range("sur 2013–2019", now), Some((d("2013-01-01"), d("2019-12-31"), Years)));
        assert_eq!(range("de 2015 à 2018", now), Some((d("2015-01-01"), d("2018-12-31"), Years)));
        span("Q1 2020", "2020-01-01", "2020-03-31");
        span("au premier trimestre 2020", "2020-01-01", "2020-03-31");
        span("au 3e trimestre 2020", "2020-07-01", "2020-09-30");
        span("in the fourth quarter of 2020", "2020-10-01", "2020-12-31");
        span("second half of 2020", "2020-07-01", "2020-12-31");
        span("premier semestre 2020", "2020-01-01", "2020-06-30");
        span("the first week of March 2020", "2020-03-01", "2020-03-07");
        span("la dernière semaine de décembre 2019", "2019-12-25", "2019-12-31");
        span("early May 2019", "2019-05-01", "2019-05-10");
        span("fin mars 2020", "2020-03-21", "2020-03-31");
        span("the last quarter of 2020", "2020-10-01", "2020-12-31");
        assert_eq!(range("PM2.5 last quarter", now).map(|r| (r.0, r.1)), Some((d("2022-01-01"), d("2022-03-31"))));
        assert_eq!(range("PM2.5 next to the station yesterday", now).map(|r| r.0), Some(d("2022-06-29")));
        assert!(read_all("entre le troisième et le second semestre 2020", now).periods.len() <= 1);
        assert_eq!(range("what is the hottest day ever?", now).map(|r| r.2), Some(All));
        assert_eq!(range("depuis le début des mesures", now).map(|r| (r.1, r.2)), Some((d(now), All)));
    }

    #[test]
    fn named_days() {
        span("What was the temperature on Christmas Day 2018?", "2018-12-25", "2018-12-25");
        span("à Noël 2016", "2016-12-25", "2016-12-25");
        span("New Year's Day 2017", "2017-01-01", "2017-01-01");
        span("le jour de l'an 2019", "2019-01-01", "2019-01-01");
        span("easter sunday 2018", "2018-04-01", "2018-04-01");
        span("le dimanche de Pâques 2020", "2020-04-12", "2020-04-12");
        span("à la Toussaint 2015", "2015-11-01", "2015-11-01");
        span("le 14 juillet 2019", "2019-07-14", "2019-07-14");
        span("à l'Ascension 2019", "2019-05-30", "2019-05-30");
        span("on Whit Monday 2021", "2021-05-24", "2021-05-24");
        span("le lundi de Pentecôte 2016", "2016-05-16", "2016-05-16");
        assert_eq!(range("Particules fines à Noël ?", "2020-12-30").map(|r| r.0), Some(d("2020-12-25")));
        assert_eq!(range("Particules fines à Noël ?", "2020-12-20").map(|r| r.0), Some(d("2019-12-25")));
    }

    #[test]
    fn lists_share_their_year() {
        let periods = |q: &str| read_all(q, "2022-06-30").periods.iter().map(|p| (p.from, p.to)).collect::<Vec<_>>();
        assert_eq!(
            periods("Was the air worse in January or in July 2020?"),
            [(d("2020-01-01"), d("2020-01-31")), (d("2020-07-01"), d("2020-07-31"))]
        );
        assert_eq!(
            periods("Was the first half of 2020 warmer than the second half?"),
            [(d("2020-01-01"), d("2020-06-30")), (d("2020-07-01"), d("2020-12-31"))]
        );
        assert_eq!(
            periods("premier semestre vs second semestre 2021"),
            [(d("2021-01-01"), d("2021-06-30")), (d("2021-07-01"), d("2021-12-31"))]
        );
        assert_eq!(
            periods("Les particules fines ont-elles baissé entre le premier et le second semestre 2020 ?"),
            [(d("2020-01-01"), d("2020-06-30")), (d("2020-07-01"), d("2020-12-31"))]
        );
        assert_eq!(
            periods("Compare 2021 with the 2014–2020 average"),
            [(d("2021-01-01"), d("2021-12-31")), (d("2014-01-01"), d("2020-12-31"))]
        );
        assert_eq!(periods("Daily mean for Valentine's Day, 14 February 2020?"), [(d("2020-02-14"), d("2020-02-14"))]);
    }

    #[test]
    fn impossible_dates_are_reported() {
        for question in [
            "What was the temperature on 30 February 2020?",
            "PM2.5 on February 30th 2020",
            "rain on 31 June 2019?",
            "weather on 29 February 2019",
            "Quel temps faisait-il le 31 avril 2020 ?",
            "pollution le 32 mai",
            "PM2,5 à Clermont le 31/11/2020",
        ] {
            let dates = read_all(question, "2022-06-30");
            assert_eq!(dates.impossible.len(), 1, "{question}: {dates:?}");
            assert!(dates.periods.is_empty(), "{question}: {dates:?}");
        }
    }

    #[test]
    fn relative_dates_in_both_languages() {
        use Granularity::*;
        let now = "2020-03-18"; // a Wednesday
        assert_eq!(range("Was the air bad yesterday?", now), Some((d("2020-03-17"), d("2020-03-17"), Day)));
        assert_eq!(range("Quel temps hier ?", now), Some((d("2020-03-17"), d("2020-03-17"), Day)));
        assert_eq!(range("avant-hier", now), Some((d("2020-03-16"), d("2020-03-16"), Day)));
        assert_eq!(range("aujourd'hui", now), Some((d("2020-03-18"), d("2020-03-18"), Day)));
        assert_eq!(range("demain", now), Some((d("2020-03-19"), d("2020-03-19"), Day)));
        assert_eq!(range("last week", now), Some((d("2020-03-09"), d("2020-03-15"), Span)));
        assert_eq!(range("la semaine dernière", now), Some((d("2020-03-09"), d("2020-03-15"), Span)));
        assert_eq!(range("cette semaine", now), Some((d("2020-03-16"), d("2020-03-18"), Span)));
        assert_eq!(range("ce mois-ci", now), Some((d("2020-03-01"), d("2020-03-18"), Month)));
        let mut words = Words::new(tokens("ce mois-ci"));
        read(&mut words, false);
        assert!(words.left().is_empty());
        assert_eq!(range("this month", now), Some((d("2020-03-01"), d("2020-03-18"), Month)));
        assert_eq!(range("rain this month so far?", now), Some((d("2020-03-01"), d("2020-03-18"), Span)));
        assert_eq!(range("depuis le debut du mois", now), Some((d("2020-03-01"), d("2020-03-18"), Span)));
        assert_eq!(range("le mois dernier", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("last month", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("the past 30 days", now), Some((d("2020-02-18"), d("2020-03-18"), Span)));
        assert_eq!(range("les 7 derniers jours", now), Some((d("2020-03-12"), d("2020-03-18"), Span)));
        assert_eq!(range("l'an dernier", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("l'année dernière", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("last year", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("cet hiver", now), Some((d("2019-12-01"), d("2020-02-29"), Season)));
        assert_eq!(range("last summer", now), Some((d("2019-06-01"), d("2019-08-31"), Season)));
        assert_eq!(range("last monday", now), Some((d("2020-03-16"), d("2020-03-16"), Day)));
        assert_eq!(range("les 3 prochains jours", now), Some((d("2020-03-19"), d("2020-03-21"), Span)));
        assert_eq!(range("il y a 3 jours", now), Some((d("2020-03-15"), d("2020-03-15"), Day)));
        assert_eq!(range("le dernier niveau de PM2.5", now), Some((d("2020-03-18"), d("2020-03-18"), Day)));
    }

    #[test]
    fn the_same_month_of_every_year() {
        let mut words = Words::new(tokens("Which August was the warmest between 2013 and 2021?"));
        let dates = read(&mut words, true);
        assert_eq!(dates.month_of_year, Some(8));
        let resolved = resolve(&dates.periods, Frame { as_of: d("2022-06-30"), previous: None, found: None, lang: Lang::En, coming: false });
        assert_eq!(resolved.periods[0].granularity, Granularity::Years);
        let mut words = Words::new(tokens("Quel mois de juillet a été le plus chaud ?"));
        assert_eq!(read(&mut words, true).month_of_year, Some(7));
    }
}

/// Whole questions with the plan each must be read into (its intent, the day's statistic, the
/// variable, the period, the unit), in both languages, alone or after the question before.
mod plans {
    use super::*;
    use crate::question::phrases::places::tests::gazetteer;
    use crate::question::{Intent, OutputUnit, Plan, Refusal, Statistic, Unit};

    /// A reading: (intent, statistic, first variable, from, to).
    type Reading = (Intent, Option<Statistic>, Option<&'static str>, Option<NaiveDate>, Option<NaiveDate>);

    fn reading(plan: &Plan) -> Reading {
        let period = plan.period.as_ref();
        (plan.intent, plan.statistic, plan.variables.first().copied(), period.map(|p| p.from), period.map(|p| p.to))
    }

    /// The plan of the last question, each asked after the one before, today being `as_of`.
    fn read(questions: &[&str], as_of: &str) -> Plan {
        let gazetteer = gazetteer();
        let mut plan = Plan::parse(questions[0], None, d(as_of), &gazetteer);
        for question in &questions[1..] {
            plan = Plan::parse_after(question, None, &plan, &gazetteer);
        }
        plan
    }

    const VALUE: Intent = Intent::Value;
    const HOTTEST: Intent = Intent::Extreme { highest: true, of: Unit::Day };
    const COLDEST: Intent = Intent::Extreme { highest: false, of: Unit::Day };

    #[test]
    fn questions_are_read_as_asked() {
        use Statistic::*;
        let t = Some("temperature");
        let day = |s: &str| (Some(d(s)), Some(d(s)));
        let span = |a: &str, b: &str| (Some(d(a)), Some(d(b)));
        let cases: Vec<(&[&str], Reading)> = vec![
            (&["il a fait combien au plus froid le 28 fevrier 2018 a clermont ?"], (VALUE, Some(Min), t, day("2018-02-28").0, day("2018-02-28").1)),
            (&["what was the highest temperature recorded on 26 June 2019?"], (VALUE, Some(Max), t, Some(d("2019-06-26")), Some(d("2019-06-26")))),
            (&["I'm writing about the June 2019 heatwave: the highest temperature on 26 June 2019?"], (VALUE, Some(Max), t, Some(d("2019-06-26")), Some(d("2019-06-26")))),
            (&["What was the average daily maximum temperature in August 2018?"], (VALUE, Some(Max), t, span("2018-08-01", "2018-08-31").0, Some(d("2018-08-31")))),
            (&["moyenne des maximales en aout 2018 ?"], (VALUE, Some(Max), t, Some(d("2018-08-01")), Some(d("2018-08-31")))),
            (&["Tmin 2018-02-27"], (VALUE, Some(Min), t, Some(d("2018-02-27")), Some(d("2018-02-27")))),
            (&["coldest night of january 2019"], (COLDEST, Some(Min), t, Some(d("2019-01-01")), Some(d("2019-01-31")))),
            (&["the maximum temperature in July 2019"], (HOTTEST, Some(Max), t, Some(d("2019-07-01")), Some(d("2019-07-31")))),
            (&["le jour le plus chaud de 2018", "et l'année d'avant ?"], (HOTTEST, Some(Max), t, Some(d("2017-01-01")), Some(d("2017-12-31")))),
            (&["le jour le plus chaud de 2018", "et le mois suivant ?"], (HOTTEST, Some(Max), t, Some(d("2019-01-01")), Some(d("2019-01-31")))),
            (&["Combien de pluie en octobre 2019 ?", "et en novembre ?"], (VALUE, Some(Sum), Some("precipitation"), Some(d("2019-11-01")), Some(d("2019-11-30")))),
            (&["Average PM2.5 at Montferrand in January 2020?", "And in February?"], (VALUE, Some(Mean), Some("pm25"), Some(d("2020-02-01")), Some(d("2020-02-29")))),
            (&["moyenne des maximales en aout 2018 ?", "et des minimales ?"], (VALUE, Some(Min), t, Some(d("2018-08-01")), Some(d("2018-08-31")))),
            (&["Combien de pluie la semaine du 9 au 15 mars 2020 ?"], (VALUE, Some(Sum), Some("precipitation"), Some(d("2020-03-09")), Some(d("2020-03-15")))),
            (&["rain the week of 10 to 16 February 2020"], (VALUE, Some(Sum), Some("precipitation"), Some(d("2020-02-10")), Some(d("2020-02-16")))),
            (&["temperature two years ago today"], (VALUE, None, t, Some(d("2020-06-30")), Some(d("2020-06-30")))),
            (&["temp moyenne T3 2021 (juillet-sept)"], (VALUE, Some(Mean), t, Some(d("2021-07-01")), Some(d("2021-09-30")))),
        ];
        for (questions, expected) in cases {
            let plan = read(questions, "2022-06-30");
            assert_eq!(plan.refusal, None, "{questions:?}: {plan:#?}");
            assert_eq!(reading(&plan), expected, "{questions:?}");
            assert!(!plan.restated.is_empty(), "{questions:?}");
        }
    }

    #[test]
    fn what_is_said_back() {
        let restated = |q: &str| read(&[q], "2022-06-30").restated;
        assert_eq!(restated("il a fait combien au plus froid le 28 fevrier 2018 ?"), "Minimum de température le 28 février 2018 à Clermont-Ferrand");
        assert_eq!(restated("lowest temperature on 28 February 2018"), "Lowest temperature on 28 February 2018 in Clermont-Ferrand");
        assert_eq!(restated("max gust in February 2020 in km/h"), "Day with the highest daily maximum wind gusts in February 2020 in Clermont-Ferrand, in km/h");
        assert_eq!(restated("Hello"), "");
    }

    #[test]
    fn the_future_is_not_the_past() {
        let plan = read(&["What will the PM2.5 be next Tuesday?"], "2022-06-30");
        assert_eq!((plan.intent, plan.period.as_ref().map(|p| p.from)), (Intent::Forecast, Some(d("2022-07-05"))));
        assert_eq!(read(&["Will it rain?"], "2022-06-30").intent, Intent::Forecast);
        let past = read(&["What will the PM2.5 be in March 2019?"], "2022-06-30");
        assert!(matches!(past.refusal, Some(Refusal::Conflict { .. })), "{past:?}");
    }

    #[test]
    fn units_and_follow_ups_in_another_unit() {
        let gust = read(&["rafale la plus forte en fevrier 2020, en km/h ?"], "2022-06-30");
        assert_eq!((gust.intent, gust.unit), (HOTTEST, Some(OutputUnit::Kmh)));
        let again = read(&["wind on 3 March 2019", "in knots?"], "2022-06-30");
        assert_eq!((again.unit, again.variables.clone()), (Some(OutputUnit::Knots), vec!["wind_speed"]));
        let wrong = read(&["le jour le plus chaud de 2018", "et en km/h ?"], "2022-06-30");
        assert!(matches!(wrong.refusal, Some(Refusal::Conflict { .. })), "km/h is no temperature: {wrong:?}");
        assert!(wrong.inherited.is_empty(), "a refused follow-up keeps nothing");
    }

    #[test]
    fn housing_follows_up_like_the_rest() {
        let houses = read(&["median price per m² of flats in 2022", "what about houses?"], "2025-06-30");
        let h = houses.housing.clone().unwrap();
        assert_eq!((h.dwellings.as_slice(), h.measure, houses.period.unwrap().from), (&[crate::question::Dwelling::House][..], crate::question::Measure::PricePerM2, d("2022-01-01")));
        let t3 = read(&["Combien de T2 vendus en 2023 ?", "et de T3 ?"], "2025-06-30");
        let h = t3.housing.clone().unwrap();
        assert_eq!((h.rooms, h.measure, t3.intent, t3.period.unwrap().from), (Some(3), crate::question::Measure::Sales, Intent::Count, d("2023-01-01")));
    }

    /// Phrases that must not be read as what they look like.
    #[test]
    fn the_negative_corpus() {
        let plan = |q: &str| read(&[q], "2022-06-30");
        // "may", "next", "bien", "T3 2021", "ça fait combien": not a month, a move, property, a flat, a temperature.
        assert!(plan("may I ask about the air today?").period.as_ref().is_some_and(|p| p.from == d("2022-06-30")));
        assert!(plan("PM2.5 next to the station yesterday").period.as_ref().is_some_and(|p| p.from == d("2022-06-29")));
        assert!(plan("il a bien plu le 27 juillet 2019 ?").housing.is_none());
        assert!(plan("temp moyenne T3 2021").housing.is_none());
        assert!(plan("wind on 3 March 2019").unit.is_none());
        // Two asks that disagree are refused, naming both.
        let both = plan("how many days were warmer than 2019 in 2020?");
        assert!(matches!(&both.refusal, Some(Refusal::Conflict { words }) if words.len() == 2), "{both:?}");
        // A day of the month alone, with no month before it, is not read as this month's.
        assert!(matches!(plan("What was the PM2.5 on the 5th?").refusal, Some(Refusal::Unread { .. })));
        // The night's figure is a temperature's; the summers of several years are not one span.
        assert!(plan("PM2.5 at night on 5 January 2020").refusal.is_some());
        assert!(plan("summer 2019 against the summers 2013 to 2021").refusal.is_some());
        // A figure per year over several years is not one over all of them.
        assert!(matches!(plan("average annual rainfall 2013-2019").refusal, Some(Refusal::Unread { .. })));
        assert_eq!(plan("annual mean PM2.5 in 2020").refusal, None);
        assert_eq!(plan("the year with the highest annual rainfall between 2013 and 2020").refusal, None);
        let monthly = plan("the highest monthly rainfall of 2019");
        assert_eq!((monthly.refusal, monthly.intent), (None, Intent::Extreme { highest: true, of: Unit::Month }));
        let annual_2019 = plan("the annual maximum temperature in 2019");
        assert_eq!((annual_2019.refusal, annual_2019.intent), (None, Intent::Extreme { highest: true, of: Unit::Day }));
        let annual = plan("annual mean PM2.5 at Montferrand");
        assert_eq!((annual.per, annual.period.clone()), (Some(Unit::Year), None), "the answer takes the latest whole year");
        // A follow-up that says nothing keeps nothing.
        let nothing = read(&["PM2.5 in March 2020", "et ?"], "2022-06-30");
        assert!(nothing.refusal.is_some() && nothing.inherited.is_empty(), "{nothing:?}");
    }
}

/// Transit questions with what each must ask of the timetable, and the day it resolves to.
mod transit {
    use super::*;
    use crate::question::phrases::places::tests::gazetteer;
    use crate::question::phrases::transit::{RouteName, TransitNames};
    use crate::question::{Gazetteer, Intent, Plan, Refusal, TransitMeasure, Unit};

    fn names() -> TransitNames {
        let route = |short: &str, route_type| RouteName { short_name: short.into(), long_name: None, route_type };
        let stops = [
            "Jaude", "Gaillard", "Gare SNCF", "Les Vergnes", "Hôtel de Ville", "UCA - Campus Cézeaux", "1er Mai", "Esplanade",
            "CHU G. Montpied", "Musée d'Art Roger Quilliot", "La Serve",
        ];
        let shuttle = RouteName { short_name: "41".into(), long_name: Some("Navette Montjuzet".into()), route_type: 3 };
        let routes = vec![route("A", 0), route("B", 3), route("C", 3), route("3", 3), route("20", 3), shuttle];
        TransitNames::new(routes, stops.iter().map(|s| s.to_string()).collect())
    }

    fn read(questions: &[&str], as_of: &str) -> Plan {
        let gazetteer = Gazetteer { transit: names().into(), ..gazetteer() };
        let mut plan = Plan::parse(questions[0], None, d(as_of), &gazetteer);
        for question in &questions[1..] {
            plan = Plan::parse_after(question, None, &plan, &gazetteer);
        }
        plan
    }

    /// (measure, routes, stop, hour, first day)
    type Asked = (Option<TransitMeasure>, Vec<String>, Option<String>, Option<u32>, Option<NaiveDate>);

    fn asked(plan: &Plan) -> Asked {
        let t = plan.transit.clone().unwrap_or_else(|| panic!("not a transit plan: {plan:?}"));
        (t.measure, t.routes, t.stop, t.hour, plan.periods.first().map(|p| p.from))
    }

    #[test]
    fn transit_questions_are_read_as_asked() {
        use TransitMeasure::*;
        let r = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let s = |x: &str| Some(x.to_string());
        // 2024-03-13 is a Wednesday.
        let cases: Vec<(&[&str], Asked)> = vec![
            (&["dernier tram à Jaude samedi soir"], (Some(LastDeparture), r(&["A"]), s("Jaude"), None, Some(d("2024-03-16")))),
            (&["first bus B from the gare sncf tomorrow"], (Some(FirstDeparture), r(&["B"]), s("Gare SNCF"), None, Some(d("2024-03-14")))),
            (&["le premier 3 des Vergnes en semaine"], (Some(FirstDeparture), r(&["3"]), s("Les Vergnes"), None, Some(d("2024-03-13")))),
            (&["toutes les combien passe la C à 17h30 ?"], (Some(Headway), r(&["C"]), None, Some(17), Some(d("2024-03-13")))),
            (&["how often does line 20 leave the hotel de ville around 7 pm on Sunday"], (Some(Headway), r(&["20"]), s("Hôtel de Ville"), Some(19), Some(d("2024-03-17")))),
            (&["quelles lignes passent à l'arrêt 1er Mai ?"], (Some(Lines), r(&[]), s("1er Mai"), None, None)),
            (&["combien de trajets sur le réseau le 1er mai 2024 ?"], (Some(Trips), r(&[]), None, None, Some(d("2024-05-01")))),
            (&["arrêts à moins de 300 m de Gaillard"], (Some(StopsNear), r(&[]), s("Gaillard"), None, None)),
            (&["dernier tram à Jaude samedi", "et le premier ?"], (Some(FirstDeparture), r(&["A"]), s("Jaude"), None, Some(d("2024-03-16")))),
            (&["dernier tram à Jaude samedi", "and on Sunday?"], (Some(LastDeparture), r(&["A"]), s("Jaude"), None, Some(d("2024-03-17")))),
            (&["how often does the B run at 8 am on a weekday?"], (Some(Headway), r(&["B"]), None, Some(8), Some(d("2024-03-13")))),
            (&["trips of line B on 12 March 2024", "et pour la ligne C ?"], (Some(Trips), r(&["C"]), None, None, Some(d("2024-03-12")))),
            // Stops said otherwise than published, lines after "first" or alone, holidays, hours.
            (&["le premier C à Esplanade le lundi de Pâques 2024"], (Some(FirstDeparture), r(&["C"]), s("Esplanade"), None, Some(d("2024-04-01")))),
            (&["dernier bus B au CHU Montpied vendredi"], (Some(LastDeparture), r(&["B"]), s("CHU G. Montpied"), None, Some(d("2024-03-15")))),
            (&["which lines serve the 1er Mai stop?"], (Some(Lines), r(&[]), s("1er Mai"), None, None)),
            (&["quelles lignes au musée Roger Quilliot ?"], (Some(Lines), r(&[]), s("Musée d'Art Roger Quilliot"), None, None)),
            (&["arrêts proches du campus des Cézeaux"], (Some(StopsNear), r(&[]), s("UCA - Campus Cézeaux"), None, None)),
            (&["headway of C at the gare sncf around 6:45 pm"], (Some(Headway), r(&["C"]), s("Gare SNCF"), Some(18), Some(d("2024-03-13")))),
            (&["la B passe tous les combien entre 7 et 8 h à Jaude ?"], (Some(Headway), r(&["B"]), s("Jaude"), Some(7), Some(d("2024-03-13")))),
            (&["nb de navettes Montjuzet jeudi de l'Ascension"], (Some(Trips), r(&["41"]), None, None, Some(d("2024-05-09")))),
            (&["courses du tram samedi prochain"], (Some(Trips), r(&["A"]), None, None, Some(d("2024-03-16")))),
            (&["trips of line B on Saturday", "et le samedi d'avant ?"], (Some(Trips), r(&["B"]), None, None, Some(d("2024-03-09")))),
            (&["How many trips does line C run on Saturday 13 April 2024?", "and on the Sunday after?"], (Some(Trips), r(&["C"]), None, None, Some(d("2024-04-14")))),
            (&["courses de la ligne C le samedi 13 avril 2024", "et le dimanche suivant ?"], (Some(Trips), r(&["C"]), None, None, Some(d("2024-04-14")))),
            (&["trips of line C on Saturday 13 April 2024", "and the following Saturday?"], (Some(Trips), r(&["C"]), None, None, Some(d("2024-04-20")))),
            (&["trips of line B on 16 March 2024", "et le dimanche 17 ?"], (Some(Trips), r(&["B"]), None, None, Some(d("2024-03-17")))),
            (&["lines at Gaillard", "and which stops are near it?"], (Some(StopsNear), r(&[]), s("Gaillard"), None, None)),
            (&["le tram A a du retard ?", "bon, et le dernier à Jaude ce soir ?"], (Some(LastDeparture), r(&["A"]), s("Jaude"), None, Some(d("2024-03-13")))),
        ];
        for (questions, expected) in cases {
            let plan = read(questions, "2024-03-13");
            assert_eq!(plan.refusal, None, "{questions:?}: {plan:?}");
            assert_eq!(asked(&plan), expected, "{questions:?}");
        }
        // "After" before an hour is not "the day after".
        let late = read(&["last tram at Jaude on Sunday after 10 pm"], "2024-03-13");
        assert!(late.periods.iter().all(|p| p.from == d("2024-03-17")), "{late:?}");
        let ranked = read(&["quelle ligne a le plus de courses dimanche ?"], "2024-03-13");
        assert_eq!(ranked.intent, Intent::Extreme { highest: true, of: Unit::Route });
        let compared = read(&["how many more trips on a weekday than on a Sunday?"], "2024-03-13");
        assert_eq!((compared.intent, compared.periods.len()), (Intent::Compare, 2));
        let verb = read(&["quelle ligne a le plus de courses le 9 mai 2024 ?"], "2024-03-13");
        assert_eq!(verb.intent, Intent::Extreme { highest: true, of: Unit::Route });
        let lines = read(&["B vs C on 12 March 2024"], "2024-03-13");
        assert_eq!(asked(&lines).1, r(&["B", "C"]));
        let days = read(&["compare the trips of the network between Wednesday 13 and Thursday 14 March 2024"], "2024-03-13");
        assert_eq!((days.intent, days.periods.len()), (Intent::Compare, 2));
        let date_only = read(&["combien de courses de la ligne C le 2 mai 2024 ?", "et le 3 mai ?"], "2024-03-13");
        assert_eq!(asked(&date_only), (Some(Trips), r(&["C"]), None, None, Some(d("2024-05-03"))));
    }

    #[test]
    fn real_time_fares_and_unknown_stops_get_no_figure() {
        for question in ["le tram A a du retard ?", "next tram at Jaude?", "combien coûte un ticket de bus ?", "first tram from Vulcania on Saturday"] {
            let plan = read(&[question], "2024-03-13");
            assert!(plan.refusal.is_some(), "{question}: {plan:?}");
        }
        // The refusal names what the timetable does not hold, in the question's words.
        let now = read(&["is the bus on time right now?"], "2024-03-13");
        assert!(matches!(&now.refusal, Some(Refusal::Topics { topics }) if topics.contains(&"right now".to_string())), "{now:?}");
        // A difference of one side only; the verb "serve" is no stop "La Serve".
        let one_side = read(&["trips of line B on Saturday", "so how many more does C run?"], "2024-03-13");
        assert!(one_side.refusal.is_some(), "{one_side:?}");
        let serve = read(&["which lines serve the station?"], "2024-03-13");
        assert_ne!(serve.transit.and_then(|t| t.stop), Some("La Serve".to_string()));
        // Without a timetable, transit words are a topic without data, as before.
        let plain = Plan::parse("dernier tram à Jaude samedi", None, d("2024-03-13"), &gazetteer());
        assert!(plain.transit.is_none() && plain.refusal.is_some());
    }
}
