import { z } from 'zod';
import { userText } from './user-text';

export const RomeCode = z.string().regex(/^[A-N]\d{4}$/, 'code ROME attendu (ex. N1103)');
export const IsoDate = z.iso.date();

export const TargetJob = z
  .strictObject({
    romeCode: RomeCode.optional(),
    label: userText('l’intitulé du métier', { min: 1, max: 150 }).optional(),
  })
  .refine((job) => job.romeCode !== undefined || job.label !== undefined, {
    message: 'un métier visé a un code ROME ou un intitulé',
  });
export type TargetJob = z.infer<typeof TargetJob>;

export const ProfileLocation = z
  .strictObject({
    inseeCode: z
      .string()
      .regex(/^\d[\dAB]\d{3}$/, 'code INSEE de commune attendu')
      .optional(),
    postcode: z
      .string()
      .regex(/^\d{5}$/, 'code postal à 5 chiffres attendu')
      .optional(),
  })
  .refine((location) => (location.inseeCode === undefined) !== (location.postcode === undefined), {
    message: 'une commune : son code INSEE ou son code postal, pas les deux',
  });

/**
 * The minimised jobseeker profile: a strict allowlist of what the recommendation needs. Anything
 * else (name, sex, birth date, nationality, family situation, health, address, NIR…) is refused.
 */
export const JobseekerProfile = z.strictObject({
  targetJobs: z.array(TargetJob).max(5, 'au plus 5 métiers visés').optional(),
  skills: z
    .array(userText('une compétence', { min: 1, max: 100 }))
    .max(30, 'au plus 30 compétences')
    .optional(),
  /** European qualification level already reached, 3..8. */
  qualificationLevel: z.number().int().min(3).max(8).optional(),
  location: ProfileLocation,
  mobilityKm: z.number().int().min(0).max(300),
  modality: z.enum(['any', 'in_person', 'remote']).optional(),
  availableFrom: IsoDate.optional(),
  maxCostEur: z.number().nonnegative().max(100_000).optional(),
  cpfOnly: z.boolean().optional(),
  completedTrainings: z
    .array(userText('une formation suivie', { min: 1, max: 200 }))
    .max(20, 'au plus 20 formations suivies')
    .optional(),
});
export type JobseekerProfile = z.infer<typeof JobseekerProfile>;
