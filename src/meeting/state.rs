//! The meeting: the data and options it started from, the log of operations, and the state
//! and answer they give. One operation at a time; a change made on an older version is rebased
//! when nothing since touched the same thing, and refused with who changed it otherwise.

use super::answer::{answer, Answer};
use super::check::{check, Against};
use super::edits::{active, Edits, Entry};
use super::op::{Op, Refusal, Request, Target};
use super::session::{Session, CANDIDATES};
use super::words::describe;
use crate::budget::MemoryLimit;
use crate::error::Result;
use crate::model::{Candidates, Dataset};
use crate::pipeline::CouncilOptions;
use crate::report::Lang;
use std::sync::Arc;

/// Walks the streets again for candidates added or moved (with `--network`): the dataset
/// with these candidates and their walking costs.
pub type Walk = Arc<dyn Fn(&Candidates) -> Result<Dataset> + Send + Sync>;

/// What a meeting starts from: the data as read, and the options of the command line.
#[derive(Clone)]
pub struct Setup {
    /// The data as read (the embedded data, or `--data`).
    pub data: Dataset,
    /// The options of `report` (model, week, weights, language): the page edits the model's.
    pub council: CouncilOptions,
    /// Memory the solves may use.
    pub memory: MemoryLimit,
    /// With a street network: how candidates in new places get their walks.
    pub walk: Option<Walk>,
}

/// Every candidate's id and place (to about a metre): what walking along the streets
/// depends on.
type Places = Vec<(String, (i64, i64))>;

/// The live meeting.
pub struct Meeting {
    pub(super) setup: Setup,
    pub(super) start: Edits,
    pub(super) log: Vec<Entry>,
    pub(super) edits: Edits,
    pub(super) data: Dataset,
    pub(super) answer: Answer,
    pub(super) previous: Option<Answer>,
    pub(super) session: Option<Session>,
    /// The last dataset walked for moved or added candidates, by their places.
    walked: Option<(Places, Dataset)>,
}

impl Meeting {
    /// Starts the meeting on `setup`, replaying what `session` already holds (with the
    /// solve times it recorded, so the state is the one served before the restart).
    pub fn open(setup: Setup, session: Option<(Session, Vec<Entry>)>) -> Result<Meeting> {
        let mut model = setup.council.model.clone();
        let (inst, _) = model.planning_instance(&setup.data)?;
        let ids = crate::solve::with_site_ids(&inst, &model.params(false, Default::default()))?;
        (model.require, model.exclude) = (ids.require, ids.exclude);
        let start = Edits::new(model, setup.data.candidates.data.clone());
        let (session, log) = match session {
            Some((s, log)) => (Some(s), log),
            None => (None, Vec::new()),
        };
        let mut m = Meeting {
            data: setup.data.clone(),
            answer: answer(&setup.data, &start.model, setup.memory, setup.council.lang),
            edits: start.clone(),
            start,
            setup,
            log: Vec::new(),
            previous: None,
            session,
            walked: None,
        };
        if let Some(s) = &m.session {
            m.answer.solve_ms = s.start_ms(m.answer.solve_ms);
        }
        if !log.is_empty() {
            let before = Edits::replay(&m.start, &log[..log.len() - 1]);
            let (data, mut prev) = m.solve(&before)?;
            prev.solve_ms = log
                .len()
                .checked_sub(2)
                .map_or(m.answer.solve_ms, |k| log[k].solve_ms);
            let now = Edits::replay(&m.start, &log);
            let (data_now, mut ans) = m.solve(&now)?;
            let _ = data;
            ans.solve_ms = log[log.len() - 1].solve_ms;
            (m.previous, m.answer, m.data, m.edits, m.log) = (Some(prev), ans, data_now, now, log);
        }
        m.write_candidates().map_err(|e| {
            let dir = m.session.as_ref().map(|s| s.dir().display().to_string());
            crate::Error::io(dir.unwrap_or_default(), "writing candidates.csv in", e)
        })?;
        Ok(m)
    }

    /// The current version: how many operations were applied.
    pub fn version(&self) -> u64 {
        self.log.len() as u64
    }

    /// The data the meeting started from.
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// The edited state.
    pub fn edits(&self) -> &Edits {
        &self.edits
    }

    /// The edited dataset (candidates as edited).
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The current answer.
    pub fn answer(&self) -> &Answer {
        &self.answer
    }

    /// The applied operations, oldest first.
    pub fn log(&self) -> &[Entry] {
        &self.log
    }

    /// The session folder, when the meeting keeps one.
    pub fn session_dir(&self) -> Option<&std::path::Path> {
        self.session.as_ref().map(Session::dir)
    }

    /// Checks, rebases and applies `req` (solving the new state), writes it to the session
    /// and only then makes it the current state. Returns the new version.
    pub fn apply(&mut self, req: Request, at: String) -> std::result::Result<u64, Refusal> {
        let version = self.version();
        let lang = self.setup.council.lang;
        if req.base > version {
            let b = req.base;
            return Err(Refusal::said(
                lang,
                format!("base: expected a version up to {version}, found {b}"),
                format!("base: {version} 以下の版を指定してください（入力値 {b}）"),
            ));
        }
        let against = Against {
            edits: &self.edits,
            data: &self.setup.data,
            log: &self.log,
            lang,
        };
        check(&req.op, &req.who, &against)?;
        self.conflict(&req, lang)?;
        let mut entry = Entry {
            version: version + 1,
            base: req.base,
            who: req.who.trim().to_string(),
            at,
            what: String::new(),
            new_id: matches!(req.op, Op::AddCandidate { .. }).then(|| self.next_id()),
            stops: Vec::new(),
            op: req.op,
            solve_ms: 0,
        };
        if let Op::NameSet { .. } = entry.op {
            if self.answer.chosen_ids.is_empty() {
                return Err(Refusal::said(
                    lang,
                    "name: there are no chosen stops to name".into(),
                    "name: 名前を付ける停留所がありません（いまの答えに停留所がありません）".into(),
                ));
            }
            entry.stops = self.answer.chosen_ids.clone();
        }
        entry.what = describe(
            &entry.op,
            &self.edits,
            entry.new_id.as_deref(),
            &self.log,
            lang,
        );
        let mut log = self.log.clone();
        log.push(entry);
        let edits = Edits::replay(&self.start, &log);
        let (data, ans) =
            if edits.model == self.edits.model && edits.candidates == self.edits.candidates {
                (self.data.clone(), self.answer.clone())
            } else {
                self.solve(&edits)
                    .map_err(|e| Refusal::bad(e.to_string()))?
            };
        let last = log.last_mut().expect("just pushed");
        last.solve_ms = ans.solve_ms;
        if let Some(s) = &mut self.session {
            s.append(last).map_err(|e| Refusal {
                status: 500,
                message: match lang {
                    Lang::En => format!("the session could not be written: {e}"),
                    Lang::Ja => format!("セッションを書き込めませんでした: {e}"),
                },
                version: Some(version),
            })?;
        }
        self.previous = Some(std::mem::replace(&mut self.answer, ans));
        (self.log, self.edits, self.data) = (log, edits, data);
        // The log is what restores; a failed copy of the candidates is written next time.
        let _ = self.write_candidates();
        Ok(self.version())
    }

    /// Refuses `req` when an operation after its base touched the same thing.
    fn conflict(&self, req: &Request, lang: Lang) -> std::result::Result<(), Refusal> {
        let mine = self.target(&req.op);
        if mine == Target::Nothing {
            return Ok(());
        }
        let newer = self.log.iter().skip(req.base as usize);
        match newer.rev().find(|e| self.target(&e.op) == mine) {
            None => Ok(()),
            Some(e) => Err(Refusal {
                status: 409,
                message: clash(lang, e, self.version()),
                version: Some(self.version()),
            }),
        }
    }

    /// What an operation changes, looking through an undo to what it takes back.
    fn target(&self, op: &Op) -> Target {
        match op {
            Op::Undo { version } => {
                let k = (*version as usize).wrapping_sub(1);
                self.log
                    .get(k)
                    .map_or(Target::Nothing, |e| self.target(&e.op))
            }
            other => other.target(),
        }
    }

    fn next_id(&self) -> String {
        let added = self.log.iter().filter(|e| e.new_id.is_some()).count();
        let mut n = added + 1;
        while self
            .edits
            .candidates
            .index_of(&format!("new-{n}"))
            .is_some()
        {
            n += 1;
        }
        format!("new-{n}")
    }

    /// The edited dataset and its answer.
    fn solve(&mut self, edits: &Edits) -> Result<(Dataset, Answer)> {
        let data = self.edited(&edits.candidates)?;
        let ans = answer(
            &data,
            &edits.model,
            self.setup.memory,
            self.setup.council.lang,
        );
        Ok((data, ans))
    }

    /// The data with `candidates`; walked again when some stand where the data had none.
    fn edited(&mut self, candidates: &Candidates) -> Result<Dataset> {
        let key = |c: &Candidates| -> Places {
            c.sites
                .iter()
                .map(|s| (s.id.clone(), s.location.point_key()))
                .collect()
        };
        let here = key(candidates);
        let walk = self.setup.walk.clone();
        let mut data = match walk {
            Some(walk) if here != key(&self.setup.data.candidates.data) => match &self.walked {
                Some((k, d)) if *k == here => d.clone(),
                _ => {
                    let d = walk(candidates)?;
                    self.walked = Some((here, d.clone()));
                    d
                }
            },
            _ => self.setup.data.clone(),
        };
        data.candidates.data = candidates.clone();
        Ok(data)
    }

    /// Keeps `SESSION/candidates.csv` as the candidates now stand.
    fn write_candidates(&self) -> std::io::Result<()> {
        match &self.session {
            Some(s) => s.write_file(
                CANDIDATES,
                &super::candidates_csv::write(&self.edits.candidates, false),
            ),
            None => Ok(()),
        }
    }

    /// Whether the operation that produced `version` is in force.
    pub fn in_force(&self) -> Vec<bool> {
        active(&self.log)
    }
}

/// The 409 message: who changed the same thing, at which version and how, and the version
/// the page now shows.
fn clash(lang: Lang, e: &Entry, now: u64) -> String {
    let (v, what) = (e.version, &e.what);
    match lang {
        Lang::En => {
            let who = if e.who.is_empty() { "someone" } else { &e.who };
            format!(
                "{who} changed this at version {v} ({what}); the page now shows version {now}: \
                 look again and repeat the change if it still holds"
            )
        }
        Lang::Ja => {
            let who = if e.who.is_empty() { "誰か" } else { &e.who };
            format!(
                "{who} が版 {v} で同じものを変更しました（{what}）。画面はいま版 {now} です。\
                 確かめて、まだ必要なら変更をやり直してください"
            )
        }
    }
}
