//! The store's tests: the key space, quarantine, other tabs' writes, a broken index or
//! ranking list (beside `store.rs`, which is long enough without them).

use super::*;
use crate::domain::grade::{CohortEntry, DistrictReading};
use crate::domain::review::Stage;

fn store() -> Store<MemoryBackend> {
    Store::open(MemoryBackend::default())
}

#[test]
fn editor_work_is_kept_and_forgotten_apart_from_editions() {
    let mut s = Store::open(MemoryBackend::default());
    assert_eq!(s.editor_work(), None);
    s.keep_editor_work("{\"w\":1}").unwrap();
    assert_eq!(s.editor_work().as_deref(), Some("{\"w\":1}"));
    assert!(s.editions().is_empty());
    s.forget_editor_work();
    assert_eq!(s.editor_work(), None);
}

#[test]
fn imported_editions_are_kept_apart_from_drafts() {
    let mut s = store();
    s.keep_edition("00aa", "{\"id\":1}").unwrap();
    s.keep_edition("00bb", "{}").unwrap();
    s.keep_edition("00aa", "{\"id\":1}").unwrap();
    assert_eq!(
        s.editions(),
        vec![
            ("00aa".to_string(), "{\"id\":1}".to_string()),
            ("00bb".to_string(), "{}".to_string())
        ]
    );
    // Reopening finds them again, and lists no draft for them.
    let s2 = Store::open(s.backend.clone());
    assert_eq!(s2.editions().len(), 2);
    assert!(s2.entries.is_empty());
    s.forget_edition("00aa");
    assert_eq!(s.editions().len(), 1);
}

#[test]
fn create_rename_duplicate_delete_restore() {
    let mut s = store();
    let a = s
        .add("渝北园 2025", &Draft::new("comprehensive-park"))
        .unwrap();
    let b = s.add("渝北园 2025", &Draft::new("talent-market")).unwrap();
    assert_ne!(a, b);
    assert_eq!(s.entry(&b).unwrap().name, "渝北园 2025 (2)");
    s.rename(&b, "人才市场").unwrap();
    assert_eq!(s.entry(&b).unwrap().name, "人才市场");
    let c = s.duplicate(&a).unwrap();
    assert_eq!(s.entry(&c).unwrap().name, "渝北园 2025 副本");
    assert_eq!(s.load(&c).unwrap().rubric, "comprehensive-park");
    s.delete(&a).unwrap();
    assert_eq!(s.live().count(), 2);
    assert_eq!(
        s.load(&a).unwrap().rubric,
        "comprehensive-park",
        "deleted drafts keep their data"
    );
    s.restore(&a).unwrap();
    assert_eq!(s.live().count(), 3);
    s.delete(&a).unwrap();
    s.purge(&a).unwrap();
    assert!(s.entry(&a).is_none());
    assert!(s.load(&a).is_err());
    // The index survives a reopen.
    let s2 = Store::open(s.backend.clone());
    assert_eq!(s2.entries, s.entries);
}

#[test]
fn a_full_store_reports_the_failure() {
    let mut s = store();
    let id = s.add("a", &Draft::new("comprehensive-park")).unwrap();
    s.backend.full = true;
    assert!(s.save(&id, &Draft::new("comprehensive-park")).is_err());
    assert!(s.add("b", &Draft::new("comprehensive-park")).is_err());
}

#[test]
fn a_corrupt_draft_is_quarantined_and_kept() {
    let mut s = store();
    let a = s.add("a", &Draft::new("comprehensive-park")).unwrap();
    let b = s.add("b", &Draft::new("talent-market")).unwrap();
    s.backend
        .set(
            &format!("{DRAFT_PREFIX}{a}"),
            "{\"rubric\": \"comprehensive-pa",
        )
        .unwrap();
    let q = s.load(&a).unwrap_err();
    assert_eq!(q.raw, "{\"rubric\": \"comprehensive-pa");
    assert!(matches!(q.reason, ReadError::Draft(_)), "{:?}", q.reason);
    assert!(q.reason.to_string().contains("JSON"), "{}", q.reason);
    assert!(s.load(&b).is_ok(), "the other drafts still open");
    assert_eq!(
        s.backend.get(&format!("{DRAFT_PREFIX}{a}")).unwrap(),
        "{\"rubric\": \"comprehensive-pa"
    );
}

/// Why a stored draft does not open is a type, said word for word as the pages have always
/// said it: the draft reader's own sentence, or that nothing is stored, or that the store is
/// gone; copying it fails with the same.
#[test]
fn an_unreadable_draft_says_why_as_a_read_error() {
    let mut s = store();
    let a = s.add("a", &Draft::new("comprehensive-park")).unwrap();
    s.backend
        .set(&format!("{DRAFT_PREFIX}{a}"), "[1, 2]")
        .unwrap();
    let why = s.peek(&a).unwrap_err().reason;
    let ReadError::Draft(e) = &why else {
        panic!("{why:?}")
    };
    assert_eq!(why.to_string(), e.message);
    assert_eq!(
        s.duplicate(&a).unwrap_err(),
        StoreError::Unreadable(why.clone())
    );
    assert_eq!(s.duplicate(&a).unwrap_err().to_string(), e.message);

    let gone = s.peek("9999").unwrap_err();
    assert_eq!(gone.reason, ReadError::Missing);
    assert_eq!(gone.reason.to_string(), "存储中找不到该草稿");
    assert_eq!(ReadError::Unavailable.to_string(), "存储不可用");
    let e: &dyn std::error::Error = &ReadError::Missing;
    assert_eq!(e.to_string(), "存储中找不到该草稿");
}

#[test]
fn another_tabs_write_is_adopted_or_kept_beside_ours() {
    let shared = MemoryBackend::default();
    let mut a = Store::open(shared);
    let id = a.add("园区", &Draft::new("comprehensive-park")).unwrap();
    let mut mine = a.load(&id).unwrap();
    // Another tab writes a change; we have none: adopt theirs.
    let mut theirs = mine.clone();
    theirs.platform.name = "另一标签页".into();
    a.backend
        .set(&format!("{DRAFT_PREFIX}{id}"), &theirs.to_json())
        .unwrap();
    assert_eq!(
        a.external_change(&id, &mine),
        ExternalChange::Adopt(theirs.clone())
    );
    mine = theirs.clone();
    assert_eq!(a.external_change(&id, &mine), ExternalChange::Same);
    // We change ours but our write has not happened (e.g. it failed); they write too.
    mine.platform.year = "2025".into();
    let mut theirs2 = theirs.clone();
    theirs2.platform.district = "渝北区".into();
    a.backend
        .set(&format!("{DRAFT_PREFIX}{id}"), &theirs2.to_json())
        .unwrap();
    assert_eq!(
        a.external_change(&id, &mine),
        ExternalChange::Conflict { theirs: theirs2 }
    );
    // Garbage from elsewhere is not adopted.
    a.backend.set(&format!("{DRAFT_PREFIX}{id}"), "{").unwrap();
    assert!(matches!(
        a.external_change(&id, &mine),
        ExternalChange::Unreadable { .. }
    ));
}

#[test]
fn a_newer_formats_draft_opens_keeps_everything_and_is_never_written() {
    let mut s = store();
    let id = s.add("园区", &Draft::new("comprehensive-park")).unwrap();
    let raw = concat!(
        r#"{"format":99,"rubric":"comprehensive-park","platform":{"name":"新园","colour":"红"},"#,
        r#""signatures":[{"by":"王敏","sig":"00ff"}],"inputs":{"1.1":{"firms":3}}}"#
    );
    s.backend.set(&draft_key(&id), raw).unwrap();
    let d = s.load(&id).unwrap();
    assert_eq!(d.newer(), Some(99));
    assert_eq!(d.platform.name, "新园");
    assert_eq!(s.save(&id, &d), Err(StoreError::Newer(99)));
    assert!(StoreError::Newer(99)
        .to_string()
        .starts_with("此草稿由较新版本创建"));
    assert_eq!(
        s.backend.get(&draft_key(&id)).as_deref(),
        Some(raw),
        "never written"
    );
    assert!(matches!(s.duplicate(&id), Err(StoreError::Newer(99))));
    // What this version writes of it, were it to write, would lose nothing.
    let back: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    let was: serde_json::Value = serde_json::from_str(raw).unwrap();
    assert_eq!(back["signatures"], was["signatures"]);
    assert_eq!(back["platform"]["colour"], "红");
    assert_eq!(back["format"], 99);
}

#[test]
fn a_draft_deleted_or_purged_in_another_tab_is_not_written_again() {
    let mut a = store();
    let x = a
        .add("甲 · 初审", &Draft::new("comprehensive-park"))
        .unwrap();
    let mut keep = Draft::new("comprehensive-park");
    keep.platform.name = "乙".into();
    let y = a.add("乙", &keep).unwrap();
    let mine = a.load(&x).unwrap();
    // Another tab (the same storage) deletes x: this tab's next save is refused.
    let mut b = Store::open(a.backend.clone());
    b.delete(&x).unwrap();
    a.backend = b.backend.clone();
    assert_eq!(
        a.save(&x, &mine),
        Err(StoreError::Gone),
        "refused before the list is reread"
    );
    a.reload_index();
    assert_eq!(a.save(&x, &mine), Err(StoreError::Gone));
    assert!(a.save(&y, &keep).is_ok(), "the other drafts save as before");
    // … then purges it: the storage event says so, and the draft stays purged.
    b.purge(&x).unwrap();
    a.backend = b.backend.clone();
    assert_eq!(a.external_change(&x, &mine), ExternalChange::Purged);
    assert_eq!(a.save(&x, &mine), Err(StoreError::Gone));
    assert!(a.backend.get(&draft_key(&x)).is_none());
    let reopened = Store::open(a.backend.clone());
    assert!(reopened.entry(&x).is_none(), "not found again as an orphan");
    assert_eq!(reopened.live().count(), 1);
}

#[test]
fn an_older_build_learns_of_a_newer_one() {
    let mut old = store();
    assert!(!old.announce_build("20261101T080000Z"));
    let mut new = Store::open(old.backend.clone());
    assert!(
        !new.announce_build("20261206T233000Z"),
        "the newer build saves"
    );
    old.backend = new.backend.clone();
    assert!(old.newer_build("20261101T080000Z"));
    assert!(
        old.announce_build("20261101T080000Z"),
        "the older one is told, and says so"
    );
    assert_eq!(
        old.backend.get(BUILD_KEY).as_deref(),
        Some("20261206T233000Z"),
        "the newest is kept"
    );
    // Garbage in the key is replaced; garbage as our stamp announces nothing.
    old.backend.set(BUILD_KEY, "zzz").unwrap();
    assert!(!old.announce_build("20261101T080000Z"));
    assert!(!old.newer_build("x"));
    assert!(Store::<MemoryBackend>::is_build_key("cqhr.build"));
}

#[test]
fn the_list_follows_another_tab() {
    let mut a = store();
    a.add("a", &Draft::new("comprehensive-park")).unwrap();
    let mut b = Store::open(a.backend.clone());
    b.add("b", &Draft::new("talent-market")).unwrap();
    a.backend = b.backend.clone();
    a.reload_index();
    assert_eq!(a.live().count(), 2);
}

#[test]
fn a_corrupt_index_is_kept_aside_and_the_drafts_found_again() {
    let mut s = store();
    let mut named = Draft::new("talent-market");
    named.platform.name = "渝中人才市场".into();
    let a = s.add("随便", &named).unwrap();
    let b = s.add("另一个", &Draft::new("comprehensive-park")).unwrap();
    s.backend
        .set(&format!("{DRAFT_PREFIX}{b}"), "{broken")
        .unwrap();
    s.backend.set(INDEX_KEY, "not json").unwrap();
    let s = Store::open(s.backend);
    assert_eq!(
        s.backend.get("cqhr.index.broken").as_deref(),
        Some("not json")
    );
    let unreadable = format!("无法读取的草稿 {b}");
    let names: Vec<(&str, &str)> = s.live().map(|e| (e.id.as_str(), e.name.as_str())).collect();
    assert_eq!(
        names,
        vec![
            (a.as_str(), "渝中人才市场"),
            (b.as_str(), unreadable.as_str())
        ]
    );
    assert_eq!(s.entry(&a).unwrap().rubric, "talent-market");
    // The rebuilt list is written back, and the unreadable draft is still as it was.
    assert!(serde_json::from_str::<Vec<Entry>>(&s.backend.get(INDEX_KEY).unwrap()).is_ok());
    assert_eq!(
        s.backend.get(&format!("{DRAFT_PREFIX}{b}")).as_deref(),
        Some("{broken")
    );
}

fn platform(name: &str, total: i64) -> CohortEntry {
    CohortEntry::new(
        name,
        "comprehensive-park",
        "2025",
        rust_decimal::Decimal::from(total),
        true,
    )
}

#[test]
fn the_ranking_list_is_kept_apart_from_the_drafts() {
    let mut s = store();
    let d = s.add("a", &Draft::new("comprehensive-park")).unwrap();
    assert_eq!(s.cohort().unwrap(), CohortList::default(), "none kept yet");
    let mut list = CohortList::default();
    let x = list.push("文件 a.json".into(), None, platform("甲", 80), None);
    let y = list.push(
        "本机草稿“a”".into(),
        Some(d.clone()),
        platform("乙", 70),
        None,
    );
    assert_ne!(x, y);
    assert!(list.has_stored(&d));
    s.keep_cohort(&list).unwrap();
    // A reopened store (a reload) reads the same list, and the drafts are untouched.
    let mut again = Store::open(s.backend.clone());
    assert_eq!(again.cohort().unwrap(), list);
    assert_eq!(again.live().count(), 1);
    // Ids are never reused, also after a removal and a reload.
    let mut list = again.cohort().unwrap();
    list.remove(y);
    assert!(!list.has_stored(&d));
    let z = list.push("链接第 1 行".into(), None, platform("丙", 60), None);
    assert!(z > y);
    assert_eq!(
        list.entries()
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        vec!["甲", "丙"]
    );
    list.clear();
    again.keep_cohort(&list).unwrap();
    assert!(Store::open(again.backend.clone())
        .cohort()
        .unwrap()
        .items
        .is_empty());
}

#[test]
fn the_ranking_rules_are_kept_apart_from_the_list() {
    let mut s = store();
    assert_eq!(s.rank_rules(), RankOptions::default(), "none kept yet");
    let rules = RankOptions {
        stage: Some(Stage::District),
        strict: true,
        district: DistrictReading::Separate,
        ..RankOptions::default()
    };
    s.keep_rank_rules(&rules).unwrap();
    // A reload reads them back; the list (what an older build rewrites) holds none of them.
    let mut again = Store::open(s.backend.clone());
    assert_eq!(again.rank_rules(), rules);
    again.keep_cohort(&CohortList::default()).unwrap();
    assert_eq!(Store::open(again.backend.clone()).rank_rules(), rules);
    assert_eq!(
        s.backend.get("cqhr.cohort.rules").as_deref(),
        Some("stage=district;district=separate;strict=1")
    );
    // A part that cannot be read is its default; the others stand.
    s.backend
        .set(
            "cqhr.cohort.rules",
            "stage=7;district=separate;later=x;strict",
        )
        .unwrap();
    let read = s.rank_rules();
    assert_eq!(
        (read.stage, read.district, read.strict),
        (None, DistrictReading::Separate, false)
    );
    // Every rule the page offers reads back as it was written.
    for stage in [
        None,
        Some(Stage::SelfAssessed),
        Some(Stage::District),
        Some(Stage::City),
    ] {
        for district in [DistrictReading::Pooled, DistrictReading::Separate] {
            for strict in [false, true] {
                let rules = RankOptions {
                    stage,
                    district,
                    strict,
                    ..RankOptions::default()
                };
                s.keep_rank_rules(&rules).unwrap();
                assert_eq!(s.rank_rules(), rules);
            }
        }
    }
}

#[test]
fn an_unreadable_ranking_list_is_kept_aside() {
    let mut s = store();
    s.backend.set(COHORT_KEY, "[{\"id\": 1").unwrap();
    assert_eq!(s.cohort(), Err(StoreError::CohortUnreadable));
    assert_eq!(
        s.backend.get(COHORT_BROKEN_KEY).as_deref(),
        Some("[{\"id\": 1")
    );
    // The broken text stays until a new list is kept over it.
    assert_eq!(s.backend.get(COHORT_KEY).as_deref(), Some("[{\"id\": 1"));
    assert!(StoreError::CohortUnreadable
        .to_string()
        .contains("cqhr.cohort.broken"));
}

#[test]
fn a_full_store_refuses_to_keep_the_ranking_list() {
    let mut s = store();
    s.backend.full = true;
    let mut list = CohortList::default();
    list.push("文件 a.json".into(), None, platform("甲", 80), None);
    assert_eq!(s.keep_cohort(&list), Err(StoreError::Full));
    assert_eq!(StoreError::Full.to_string(), "浏览器存储空间已满");
}

#[test]
fn storage_event_keys_are_recognised() {
    assert!(Store::<MemoryBackend>::is_index_key("cqhr.index"));
    assert!(!Store::<MemoryBackend>::is_index_key("cqhr.cohort"));
    assert!(Store::<MemoryBackend>::is_draft_key("cqhr.draft.d2", "d2"));
    assert!(!Store::<MemoryBackend>::is_draft_key(
        "cqhr.draft.d21",
        "d2"
    ));
}

#[test]
fn a_draft_is_named_after_its_platform_once_filled_in() {
    let mut s = store();
    let mut d = Draft::new("talent-market");
    let id = s.add("新草稿", &d).unwrap();
    assert_eq!(s.entry(&id).unwrap().name, "新草稿");
    d.platform.name = "测".into();
    s.save(&id, &d).unwrap();
    assert_eq!(s.entry(&id).unwrap().name, "测");
    // It keeps following while the name is typed.
    d.platform.name = "测试人才市场".into();
    s.save(&id, &d).unwrap();
    assert_eq!(s.entry(&id).unwrap().name, "测试人才市场");
    // A second draft of the same platform is numbered.
    let id2 = s.add("新草稿", &d).unwrap();
    assert_eq!(s.entry(&id2).unwrap().name, "测试人才市场 (2)");
    // The index keeps the flag across a reload.
    let s2 = Store::open(s.backend.clone());
    assert!(s2.entry(&id).unwrap().auto_name);
    // A name the user chose is theirs.
    s.rename(&id, "我的草稿").unwrap();
    d.platform.name = "别的名字".into();
    s.save(&id, &d).unwrap();
    assert_eq!(s.entry(&id).unwrap().name, "我的草稿");
    assert!(is_placeholder("新草稿 (3)") && !is_placeholder("新草稿 副本"));
}

#[test]
fn a_draft_id_is_stored_as_the_plain_string_it_always_was() {
    let mut s = store();
    let id = s.add("甲", &Draft::new("talent-market")).unwrap();
    assert_eq!(id, "d1");
    assert_eq!(serde_json::to_string(&id).unwrap(), "\"d1\"");
    let index = s.backend.map.get(INDEX_KEY).cloned().unwrap();
    assert!(index.contains("\"id\":\"d1\""), "{index}");
    let back: DraftId = serde_json::from_str("\"d7\"").unwrap();
    assert_eq!(back.as_str(), "d7");
    // The ranking list refers to it by the same id.
    let mut list = CohortList::default();
    let entry =
        CohortEntry::from_draft_on(&Draft::new("talent-market"), Stage::City, None).unwrap();
    list.push("本机草稿".into(), Some(id.clone()), entry, None);
    assert!(list.has_stored("d1"));
    assert!(serde_json::to_string(&list)
        .unwrap()
        .contains("\"stored\":\"d1\""));
}

#[test]
fn an_editions_issue_is_kept_beside_it_and_not_listed_as_an_edition() {
    let mut s = store();
    s.keep_edition("00aa", "{\"id\":1}").unwrap();
    assert_eq!(s.edition_issue("00aa"), None);
    s.keep_edition_issue("00aa", "{\"type\":\"cqhr-edition-issue\"}")
        .unwrap();
    assert_eq!(
        s.edition_issue("00aa").as_deref(),
        Some("{\"type\":\"cqhr-edition-issue\"}")
    );
    assert_eq!(s.editions().len(), 1, "the 签发单 is not an edition");
    assert_eq!(s.edition_issue("00bb"), None);
    // Reopened, it is still there; forgetting the edition forgets its 签发单.
    let mut s2 = Store::open(s.backend.clone());
    assert!(s2.edition_issue("00aa").is_some());
    s2.forget_edition("00aa");
    assert_eq!(s2.edition_issue("00aa"), None);
}
