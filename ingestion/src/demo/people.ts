import { commaList } from './lists';
import type { Random } from './random';

/**
 * Invented staff contacts for the LHEO contact blocks. The ingestion must drop them: they are here
 * so that a test can prove it does. Phone numbers use the ranges ARCEP reserves for fiction, and
 * e-mail domains the reserved `.example` top-level domain, so no real person can be reached.
 */
export interface StaffContact {
  civilite: 'Madame' | 'Monsieur';
  firstName: string;
  lastName: string;
  phone: string;
  mobile: string;
  email: string;
}

const WOMEN = commaList(`
  Marie, Nathalie, Isabelle, Sylvie, Catherine, Sophie, Valérie, Christine, Céline, Sandrine,
  Aurélie, Stéphanie, Julie, Camille, Émilie, Laure, Hélène, Karine, Delphine, Anne,
  Caroline, Virginie, Élodie, Mélanie, Claire, Agnès, Florence, Pauline, Léa, Manon
`);
const MEN = commaList(`
  Jean, Philippe, Michel, Alain, Patrick, Nicolas, Christophe, Pierre, Laurent, Stéphane,
  Frédéric, Julien, David, Sébastien, Olivier, Thierry, Éric, Franck, Jérôme, Guillaume,
  Thomas, Mathieu, Antoine, Vincent, Bruno, Karim, Mehdi, Yannick, Hugo, Romain
`);
const SURNAMES = commaList(`
  Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon,
  Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard,
  André, Lefèvre, Mercier, Dupont, Lambert, Bonnet, François, Martinez, Legrand, Garnier,
  Faure, Rousseau, Blanc, Guérin, Muller, Henry, Roussel, Nicolas, Perrin, Morin, Mathieu,
  Clément, Gauthier, Dumont, Lopez, Fontaine, Chevalier, Robin, Benali, Nguyen, Le Gall,
  Kerjean, Haddad, Ferreira, Da Silva, Meunier, Brunet, Colin
`);

/** Lower-case ASCII words joined by `separator`, for e-mail addresses and web slugs. */
export function asciiSlug(text: string, separator = '-'): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .join(separator);
}

function digits(random: Random, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(random.int(0, 9));
  return text;
}

/** A number in the fixed-line fiction range 01 99 00 00 00 - 01 99 99 99 99. */
export function fictionalLandline(random: Random): string {
  const d = digits(random, 6);
  return `01 99 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)}`;
}

/** A number in the mobile fiction range 06 39 98 00 00 - 06 39 98 99 99. */
function fictionalMobile(random: Random): string {
  const d = digits(random, 4);
  return `06 39 98 ${d.slice(0, 2)} ${d.slice(2, 4)}`;
}

export function staffContact(random: Random, emailDomain: string): StaffContact {
  const woman = random.chance(0.55);
  const firstName = random.pick(woman ? WOMEN : MEN);
  const lastName = random.pick(SURNAMES);
  return {
    civilite: woman ? 'Madame' : 'Monsieur',
    firstName,
    lastName,
    phone: fictionalLandline(random),
    mobile: fictionalMobile(random),
    email: `${asciiSlug(firstName, '.')}.${asciiSlug(lastName, '.')}@${emailDomain}`,
  };
}
