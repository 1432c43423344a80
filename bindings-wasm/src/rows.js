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
  const fill = compiled(names) ?? generic(names);
  return fill(tags, values, strings, rows);
}

// A cell's value from its tag and number (`t`, `i` and the arrays are in scope).
const CELL = 't === 0 ? null : t === 4 ? strings[values[i]] : t === 3 ? values[i] : t === 2';

// The loop for records with these field names, written as an object literal: V8 builds a
// literal of fixed shape several times faster than it copies a template object (100,000
// records of 21 fields: about 30 against 130 ms). The names only become quoted keys
// (JSON.stringify, and `__proto__` as a computed key so that it stays an own property, as
// JSON.parse makes it); nothing else of the data goes into the code. A page whose Content
// Security Policy forbids 'unsafe-eval' cannot compile it: it gets the generic loop.
// Compiled loops are kept by shape, a few at a time (a package makes two or three shapes).
const loops = new Map();
let canCompile = true;

function compiled(names) {
  if (!canCompile) return undefined;
  const shape = JSON.stringify(names);
  let fill = loops.get(shape);
  if (fill) return fill;
  const fields = names.map((name, c) => {
    const key = name === '__proto__' ? `["__proto__"]` : JSON.stringify(name);
    return `${key}: (i = r + ${c} * rows, t = tags[i], ${CELL})`;
  });
  const body = `const out = new Array(rows);
for (let r = 0, i = 0, t = 0; r < rows; r++) out[r] = {${fields.join(',\n')}};
return out;`;
  try {
    fill = new Function('tags', 'values', 'strings', 'rows', body);
  } catch {
    canCompile = false;
    return undefined;
  }
  if (loops.size >= 8) loops.delete(loops.keys().next().value);
  loops.set(shape, fill);
  return fill;
}

// The same records without compiling code: every record starts as a copy of a template
// (all keys, in order, null), and only the cells that are not null are stored (a quarter
// of an evaluation's cells are null).
function generic(names) {
  return (tags, values, strings, rows) => {
    const columns = names.length;
    const out = new Array(rows);
    // Defined rather than assigned: a field named `__proto__` is an own property.
    const own = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
    const template = {};
    for (const name of names) own(template, name, null);
    const proto = names.indexOf('__proto__');
    for (let r = 0; r < rows; r++) {
      const record = { ...template };
      for (let c = 0, i = r; c < columns; c++, i += rows) {
        const t = tags[i];
        if (t !== 0) {
          const v = t === 4 ? strings[values[i]] : t === 3 ? values[i] : t === 2;
          if (c === proto) own(record, '__proto__', v);
          else record[names[c]] = v;
        }
      }
      out[r] = record;
    }
    return out;
  };
}
