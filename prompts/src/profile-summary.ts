import type { JobseekerProfile } from '@reco/contracts';

/**
 * What the model may know about the jobseeker: the search criteria only. No commune (distances are
 * already in the candidates), no skills or past trainings (free text that may carry personal details).
 */
export interface ProfileSummary {
  /** ROME label and code when known, e.g. "Soins d'hygiène, de confort du patient (J1501)". */
  targetJobs: string[];
  qualificationLevel?: number;
  mobilityKm: number;
  modality?: 'any' | 'in_person' | 'remote';
  /** ISO date. */
  availableFrom?: string;
  maxCostEur?: number;
  cpfOnly?: boolean;
}

/** `romeLabelOf` comes from the ROME referential; a code it does not know is shown alone. */
export function profileSummaryFrom(
  profile: JobseekerProfile,
  romeLabelOf: (romeCode: string) => string | undefined,
): ProfileSummary {
  const targetJobs = (profile.targetJobs ?? []).map((job) => {
    if (job.romeCode === undefined) return job.label ?? '';
    const label = romeLabelOf(job.romeCode) ?? job.label;
    return label === undefined ? job.romeCode : `${label} (${job.romeCode})`;
  });
  return {
    targetJobs,
    mobilityKm: profile.mobilityKm,
    ...(profile.qualificationLevel !== undefined && { qualificationLevel: profile.qualificationLevel }),
    ...(profile.modality !== undefined && { modality: profile.modality }),
    ...(profile.availableFrom !== undefined && { availableFrom: profile.availableFrom }),
    ...(profile.maxCostEur !== undefined && { maxCostEur: profile.maxCostEur }),
    ...(profile.cpfOnly !== undefined && { cpfOnly: profile.cpfOnly }),
  };
}
