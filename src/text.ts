// Small text helpers every part shares (one copy each): counted words and the one string order.

/** "1 seat", "3 seats"; `many` for irregular plurals ("2 batches"). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Code-unit order, the same on every machine and locale (plans and files must sort identically everywhere). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
