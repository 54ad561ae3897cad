// Drafts in the browser's storage (localStorage): one per agency and year, so
// that a reload, a crash or a closed tab loses nothing. A draft is
//   { version: 1, report (nested form, no sources), title, savedAt (ISO) }
// under the key `ogi-form/draft/<agency>|<year>` (a `|2`, `|3`… suffix when
// another draft already holds that agency and year); `ogi-form/current` names
// the draft the page reopens.

const PREFIX = 'ogi-form/draft/';
const CURRENT = 'ogi-form/current';

/** The storage, or null when the browser refuses it (private mode, policy). */
function store() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The key of the draft of a report: its agency and year. */
export function keyOf(report) {
  return `${PREFIX}${report.agency ?? ''}|${report.year ?? ''}`;
}

/** The agency-and-year part of a key (without a `|2` suffix). */
export function baseOf(key) {
  const m = /^(.*\|[^|]*)\|\d+$/.exec(key);
  return m ? m[1] : key;
}

/** `wanted`, or `wanted|2`, `|3`… when another draft (not `mine`) holds it. */
export function freeKey(wanted, mine) {
  const s = store();
  if (!s) return wanted;
  let key = wanted;
  for (let n = 2; s.getItem(key) !== null && key !== mine; n++) key = `${wanted}|${n}`;
  return key;
}

/** Saves a draft and makes it the one the page reopens. Throws when the storage is full or refused. */
export function save(key, draft) {
  const s = store();
  if (!s) throw new Error('localStorage is not available');
  s.setItem(key, JSON.stringify(draft));
  if (s.getItem(CURRENT) !== key) s.setItem(CURRENT, key);
}

/** The draft under a key, or null (missing or unreadable). */
export function load(key) {
  const text = store()?.getItem(key);
  if (!text) return null;
  try {
    const d = JSON.parse(text);
    return d && typeof d === 'object' && d.report && typeof d.report === 'object' ? d : null;
  } catch {
    return null;
  }
}

export function remove(key) {
  store()?.removeItem(key);
}

/** The key of the draft the page reopens, or null. */
export function current() {
  return store()?.getItem(CURRENT) ?? null;
}

export function setCurrent(key) {
  const s = store();
  if (!s) return;
  if (key === null) s.removeItem(CURRENT);
  else s.setItem(CURRENT, key);
}

/** Every saved draft: [{ key, agency, year, savedAt }], the latest first. */
export function list() {
  const s = store();
  if (!s) return [];
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const d = load(key);
    if (!d) continue;
    out.push({ key, agency: d.report.agency ?? '', year: d.report.year ?? '', savedAt: d.savedAt ?? '' });
  }
  return out.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
}
