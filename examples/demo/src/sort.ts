/** Sorting and searching helpers: one quadratic, one n log n, one logarithmic. */

/** Sorts a copy of `values` by insertion: simple, and quadratic on random input. */
export function insertionSort(values: number[]): number[] {
  const out = values.slice();
  for (let i = 1; i < out.length; i++) {
    const v = out[i]!;
    let j = i - 1;
    while (j >= 0 && out[j]! > v) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = v;
  }
  return out;
}

/** Sorts a copy of `values` with the engine's sort. */
export function builtinSort(values: number[]): number[] {
  return values.slice().sort((a, b) => a - b);
}

/** Index of `target` in the ascending array `sorted`, or -1. */
export function binarySearch(sorted: number[], target: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === target) return mid;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
