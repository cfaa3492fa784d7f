// The size rules of the browser build, checked on what was linked: reads the function names of
// the wasm that cargo built (before wasm-bindgen and wasm-opt strip them) and fails on the std
// code the widget has its own small replacements for. clippy.toml names the usual culprits at
// compile time; this catches the rest (a float printed with `{}`, a sort reached through a
// dependency). Usage: node tools/check-wasm-links.mjs path/to/crate.wasm
import fs from 'node:fs';

const RULES = [
  [/17compiler_builtins4math|^(sin|cos|tan|pow|fmod|round|atan2?|hypot|log10?|exp|rem_pio2)f?$/,
    "libm (std's sin, cos, atan2, hypot, ln, log10, exp, powf, round, f64 %): call core::math"],
  [/4core3fmt5float|7flt2dec/,
    "std's float printer (an f64 formatted with {} or {:?}, or f64::clamp with bounds that are not constants): write it with core::number::decimal"],
  [/7unicode12unicode_data|7unicode11conversions/,
    "std's Unicode tables (to_lowercase, to_uppercase, is_alphabetic, is_alphanumeric…): use core::locale"],
  [/4core5slice4sort(?!.*sort_indices)/,
    "a copy of std's sort besides core::order's (sort_by, sort_by_key, sort…): call core::order::sort_by"],
];

/** The names of the "name" custom section's function subsection. */
function functionNames(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
    }
  };
  const names = [];
  while (at < bytes.length) {
    const id = bytes[at++];
    const end = leb() + at;
    if (id === 0) {
      const length = leb();
      const section = bytes.toString('utf8', at, at + length);
      at += length;
      while (section === 'name' && at < end) {
        const sub = bytes[at++];
        const subEnd = leb() + at;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            leb();
            const l = leb();
            names.push(bytes.toString('utf8', at, at + l));
            at += l;
          }
        }
        at = subEnd;
      }
    }
    at = end;
  }
  return names;
}

const file = process.argv[2];
const names = functionNames(fs.readFileSync(file));
if (names.length === 0) {
  console.error(`check-wasm-links: ${file} has no function names to check (was it stripped?)`);
  process.exit(1);
}
let broken = 0;
for (const [pattern, reason] of RULES) {
  const found = names.filter((n) => pattern.test(n));
  if (found.length === 0) continue;
  broken++;
  console.error(`check-wasm-links: the browser build links ${reason}.`);
  for (const n of found.slice(0, 5)) console.error(`    ${n}`);
  if (found.length > 5) console.error(`    … and ${found.length - 5} more`);
}
if (broken) process.exit(1);
console.log(`check-wasm-links: ${names.length} functions, none of the std code the size rules keep out.`);
