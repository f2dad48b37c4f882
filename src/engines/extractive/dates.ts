/**
 * Dates and durations by pattern. compromise's core tags dates word by word ("months,", "Tuesday,")
 * and its dates plugin is not installed; the patterns a news story uses are few and regular.
 */
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred)';
const UNIT = '(?:day|week|month|year|decade|century|hour)';

// Longest patterns first: the scan takes the first alternative that matches at a position.
const DATE = new RegExp(
  [
    `${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`, // September 24, 2008
    `\\d{1,2} ${MONTH},? \\d{4}`, // 24 September 2008
    `${MONTH} \\d{1,2}(?:st|nd|rd|th)?\\b`, // September 24
    `\\d{1,2} ${MONTH}`, // 24 September
    `${MONTH},? \\d{4}`, // September 2008
    `${WEEKDAY}`, // Wednesday
    `(?:\\d+|${NUMBER_WORD})[- ]${UNIT}s?(?:-long| old)?`, // 19 months, 19-month
    `(?<=\\b(?:in|since|by|until|from|of|before|after) )(?:1[89]\\d\\d|20\\d\\d)s?`, // in 2008, the 1990s
  ].join('|'),
  'g',
);

/** Date and duration expressions in order of appearance (repeats included). */
export function findDates(text: string): string[] {
  const out: string[] = [];
  // An exec loop, not matchAll: matchAll copies the regex at every call, which took twice as long.
  DATE.lastIndex = 0;
  for (let m = DATE.exec(text); m; m = DATE.exec(text)) {
    const before = text[m.index - 1] ?? ' ';
    if (/[\p{L}\p{N}]/u.test(before)) continue;
    out.push(m[0]);
  }
  return out;
}
