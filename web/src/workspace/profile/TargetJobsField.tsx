import { type JobSuggestion, jobSuggestionsRoute } from '@reco/contracts';
import { useCallback, useState } from 'react';
import { useApi } from '../../api/api-context';
import { Combobox } from '../../ui/Combobox';
import { TagList } from '../../ui/TagList';
import { useAutocomplete } from '../../ui/use-autocomplete';
import { LIMITS, type TargetJobEntry } from './profile-form';

interface TargetJobsFieldProps {
  jobs: readonly TargetJobEntry[];
  onAdd: (job: TargetJobEntry) => void;
  onRemove: (index: number) => void;
  error?: string;
}

/** Target jobs from the ROME titles, or as typed when no title fits (the server resolves them). */
export function TargetJobsField({ jobs, onAdd, onRemove, error }: TargetJobsFieldProps) {
  const api = useApi();
  const [text, setText] = useState('');
  const full = jobs.length >= LIMITS.targetJobs;
  const fetchJobs = useCallback(
    (q: string, signal: AbortSignal) => api.call(jobSuggestionsRoute, { query: { q }, signal }),
    [api],
  );
  const { items, loading, error: lookupError } = useAutocomplete(text, fetchJobs, { enabled: !full });

  function add(job: TargetJobEntry) {
    if (!job.label.trim()) return;
    onAdd(job);
    setText('');
  }

  return (
    <div>
      <Combobox<JobSuggestion>
        id="profile-jobs"
        label="Métiers visés"
        hint={`Intitulés ROME proposés, ou texte libre (Entrée pour l’ajouter). ${LIMITS.targetJobs} au plus.`}
        value={text}
        onValueChange={setText}
        items={items}
        itemKey={(item) => `${item.romeCode}-${item.label}`}
        renderItem={(item) => (
          <>
            {item.label}
            <small>
              {item.romeCode}
              {item.romeLabel && ` – ${item.romeLabel}`}
            </small>
          </>
        )}
        onSelect={(item) => add({ label: item.label, romeCode: item.romeCode })}
        onEnter={() => add({ label: text })}
        loading={loading}
        error={lookupError}
        fieldError={error ?? (full ? 'Nombre maximal de métiers atteint.' : undefined)}
      />
      <TagList
        label="Métiers visés retenus"
        tags={jobs.map((job) => (job.romeCode ? `${job.label} (${job.romeCode})` : job.label))}
        onRemove={onRemove}
      />
    </div>
  );
}
