// Rename each function of a .wasm module (in its name section) to a sort key, so that
// `wasm-opt --reorder-functions-by-name` puts like functions side by side for gzip: by
// crate first, then a trait method's implementations together (`<X as Trait>::f` sorts as
// `Trait::f X`), then the rest of the name. The names are stripped after ordering.
// Usage: node order-names.mjs in.wasm out.wasm
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
const bytes = readFileSync(input);

function leb(at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
const uleb = (n) => {
  const out = [];
  do {
    const low = n & 0x7f;
    n = Math.floor(n / 128);
    out.push(n ? low | 0x80 : low);
  } while (n);
  return Buffer.from(out);
};

function sortKey(name) {
  const plain = name.replace(/\[[0-9a-f]{16}\]/g, "").replace(/::h[0-9a-f]{16}$/, "");
  const crate = /[a-z_][a-z_0-9]*(?=::)/.exec(plain)?.[0] ?? "";
  const method = /^<(.*) as (.*)>::(\w+)$/.exec(plain);
  return method ? `${crate} ${method[2]}::${method[3]} ${method[1]}` : `${crate} ${plain}`;
}

// A name section's subsection 1 (function names), renamed.
function renamed(start, end) {
  let [count, at] = leb(start);
  const parts = [uleb(count)];
  for (; count > 0; count--) {
    const [index, len] = leb(at);
    const [size, text] = leb(len);
    const key = Buffer.from(sortKey(bytes.toString("utf8", text, text + size)));
    parts.push(uleb(index), uleb(key.length), key);
    at = text + size;
  }
  return Buffer.concat(parts);
}

const out = [bytes.subarray(0, 8)];
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at];
  const [size, body] = leb(at + 1);
  const end = body + size;
  const [nameLen, name] = leb(body);
  if (id === 0 && bytes.toString("utf8", name, name + nameLen) === "name") {
    const parts = [bytes.subarray(body, name + nameLen)];
    for (let sub = name + nameLen; sub < end; ) {
      const [subSize, subBody] = leb(sub + 1);
      const content =
        bytes[sub] === 1 ? renamed(subBody, subBody + subSize) : bytes.subarray(subBody, subBody + subSize);
      parts.push(Buffer.from([bytes[sub]]), uleb(content.length), content);
      sub = subBody + subSize;
    }
    const section = Buffer.concat(parts);
    out.push(Buffer.from([0]), uleb(section.length), section);
  } else {
    out.push(bytes.subarray(at, end));
  }
  at = end;
}
writeFileSync(output, Buffer.concat(out));
