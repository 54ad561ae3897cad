// Spreadsheet habits in the tables: Enter / Shift+Enter and the arrow keys move
// between cells; a block of tab-separated rows pasted from Excel or WPS fills
// the cells to the right and below the one pasted into.

/** The cell inputs by table row, in page order (every row of every table). */
function grid(host) {
  const rows = [];
  for (const tr of host.querySelectorAll('table tr')) {
    const row = [...tr.querySelectorAll('input[data-path]')];
    if (row.length) rows.push(row);
  }
  return rows;
}

function position(rows, input) {
  for (let r = 0; r < rows.length; r++) {
    const c = rows[r].indexOf(input);
    if (c >= 0) return [r, c];
  }
  return null;
}

function go(target) {
  if (!target) return false;
  target.focus();
  target.select();
  return true;
}

/** Where a key moves from `input`: the input to focus, or null (stay). */
function moveTarget(rows, input, key, shift) {
  const at = position(rows, input);
  if (!at) return null;
  const [r, c] = at;
  const down = key === 'ArrowDown' || (key === 'Enter' && !shift);
  const up = key === 'ArrowUp' || (key === 'Enter' && shift);
  if (down || up) {
    const row = rows[r + (down ? 1 : -1)];
    return row ? row[Math.min(c, row.length - 1)] : null;
  }
  if (key === 'ArrowLeft') return rows[r][c - 1] ?? null;
  if (key === 'ArrowRight') return rows[r][c + 1] ?? null;
  return null;
}

/** Splits pasted text into rows of cells when it is a block (a tab or a line break), else null. */
export function splitBlock(text) {
  const t = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  if (!/[\t\n]/.test(t)) return null;
  return t.split('\n').map((line) => line.split('\t'));
}

/**
 * Installs the keys and the block paste on the tables under `host`.
 * `onBlock(entries)` receives [[input, text]…] of a pasted block (the inputs
 * to the right and below the one pasted into; what falls outside is counted
 * in `entries.dropped`).
 */
export function installKeys(host, { onBlock }) {
  host.addEventListener('keydown', (ev) => {
    const input = ev.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.path) return;
    if (ev.isComposing || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const { key } = ev;
    if (key === 'ArrowLeft' || key === 'ArrowRight') {
      // Inside the text the caret moves; at its edge (or all selected) the cell does.
      const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
      const edge = key === 'ArrowLeft'
        ? input.selectionStart === 0 && input.selectionEnd === 0
        : input.selectionStart === input.value.length;
      if (!(all || edge)) return;
    } else if (!['ArrowUp', 'ArrowDown', 'Enter'].includes(key)) {
      return;
    }
    if (key !== 'Enter' && ev.shiftKey) return;
    const target = moveTarget(grid(host), input, key, ev.shiftKey);
    ev.preventDefault();
    go(target);
  });

  host.addEventListener('paste', (ev) => {
    const input = ev.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.path) return;
    const block = splitBlock(ev.clipboardData?.getData('text/plain') ?? '');
    if (!block) return;
    ev.preventDefault();
    const rows = grid(host);
    const [r0, c0] = position(rows, input);
    const entries = [];
    entries.dropped = 0;
    block.forEach((cells, dr) => cells.forEach((text, dc) => {
      const target = rows[r0 + dr]?.[c0 + dc];
      if (target && !target.disabled) entries.push([target, text.trim()]);
      else entries.dropped += 1;
    }));
    onBlock(entries);
  });
}
