// Counts in messages read as English: "1 layer", "2 layers", "1 file", "0 images".

/** "1 layer", "3 layers"; `many` for nouns whose plural is not noun + "s" ("1 entry", "2 entries"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
