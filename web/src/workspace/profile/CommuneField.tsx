import { type CommuneSuggestion, communeSuggestionsRoute } from '@reco/contracts';
import { useCallback, useState } from 'react';
import { useApi } from '../../api/api-context';
import { Combobox } from '../../ui/Combobox';
import { useAutocomplete } from '../../ui/use-autocomplete';

interface CommuneFieldProps {
  commune: CommuneSuggestion | null;
  onChange: (commune: CommuneSuggestion | null) => void;
  error?: string;
}

export const communeText = (commune: CommuneSuggestion) => `${commune.name} (${commune.postcode})`;

/** The jobseeker's commune, chosen from the referential by name or postcode: never an address. */
export function CommuneField({ commune, onChange, error }: CommuneFieldProps) {
  const api = useApi();
  const [text, setText] = useState(commune ? communeText(commune) : '');
  const chosen = commune !== null && text === communeText(commune);
  const fetchCommunes = useCallback(
    (q: string, signal: AbortSignal) => api.call(communeSuggestionsRoute, { query: { q }, signal }),
    [api],
  );
  const { items, loading, error: lookupError } = useAutocomplete(text, fetchCommunes, { enabled: !chosen });

  return (
    <Combobox
      id="profile-commune"
      label="Commune de résidence"
      hint="Nom ou code postal. Jamais l’adresse."
      value={text}
      onValueChange={(value) => {
        setText(value);
        if (commune) onChange(null);
      }}
      items={items}
      itemKey={(item) => `${item.inseeCode}-${item.postcode}`}
      renderItem={(item) => (
        <>
          {item.name} ({item.postcode})<small>Département {item.departement}</small>
        </>
      )}
      onSelect={(item) => {
        setText(communeText(item));
        onChange(item);
      }}
      loading={loading}
      error={lookupError}
      fieldError={error}
    />
  );
}
