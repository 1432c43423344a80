// The JS half of rows.rs: a table of flat records, sent from wasm as columns, made into
// plain objects. Translation only: the names and values were fixed by the core.
//
//   keys    string index of each field name, in order
//   text    the strings, concatenated; ends[i] is where string i ends (UTF-16)
//   rows    how many records
//   tags    one per cell, column by column: 0 null, 1 false, 2 true, 3 number, 4 string
//   values  one per cell: the number, or the string's index
//
// The arrays are views of wasm memory, valid only during this call: everything is read
// before returning. The strings are slices of `text`; an engine may keep the whole text
// alive while any slice of it lives (V8 does for slices of 13 characters or more), which
// is what a kept evaluation costs anyway, and less than copying every string out.
export function decodeRows(keys, text, ends, rows, tags, values) {
  const strings = new Array(ends.length);
  for (let i = 0, start = 0; i < ends.length; i++) {
    strings[i] = text.slice(start, ends[i]);
    start = ends[i];
  }
  const names = Array.from(keys, (k) => strings[k]);
  const columns = names.length;
  const out = new Array(rows);
  // Every record starts as a copy of this one (all keys, in order, null): copying a
  // template is quicker than growing each object key by key.
  const template = {};
  for (const name of names) template[name] = null;
  // A null cell is left as the template has it: a quarter of the cells of an evaluation
  // are null, and skipping their stores makes the loop about a third faster.
  for (let r = 0; r < rows; r++) {
    const record = { ...template };
    for (let c = 0, cell = r; c < columns; c++, cell += rows) {
      const tag = tags[cell];
      if (tag !== 0) {
        record[names[c]] = tag === 4 ? strings[values[cell]] : tag === 3 ? values[cell] : tag === 2;
      }
    }
    out[r] = record;
  }
  return out;
}
