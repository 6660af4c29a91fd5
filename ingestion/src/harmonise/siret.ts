/** La Poste's establishments share one SIREN and are keyed by another rule (digit sum multiple of 5). */
export const LA_POSTE_SIREN = '356000000';

/** Luhn checksum over a string of digits: the key of SIREN and SIRET numbers. */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** True for 14 digits whose key is right (the Luhn rule, or La Poste's own rule). */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== `${LA_POSTE_SIREN}00048`) {
    let digitSum = 0;
    for (const char of siret) digitSum += Number(char);
    return digitSum % 5 === 0;
  }
  return luhnSum(siret) % 10 === 0;
}
