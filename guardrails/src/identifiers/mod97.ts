/** Remainder modulo 97 of a long decimal string, digit by digit (the numbers exceed 2^53). */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i++) remainder = (remainder * 10 + (digits.charCodeAt(i) - 48)) % 97;
  return remainder;
}
