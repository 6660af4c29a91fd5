import { describe, expect, it } from 'vitest';
import { HelpPage } from '../help/HelpPage';
import { LoginPage } from '../login/LoginPage';
import { anOversight } from '../testing/fixtures';
import { markup, textOf } from '../testing/render';
import { AutomationBiasNotice } from './AutomationBiasNotice';
import { BarChart } from './BarChart';
import { acceptanceByRankChart, guardrailAlertsChart } from './oversight-charts';

const OVERSIGHT = anOversight();

describe('oversight charts as SVG', () => {
  it('draws an image described by its title and figures, with the same figures in a table', () => {
    const html = markup(<BarChart spec={acceptanceByRankChart(OVERSIGHT)} />);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+-title [^"]+-desc"/);
    expect(textOf(html)).toContain('Rang 1 : 60 % (18 sur 30) ; Rang 2 : 20 % (6 sur 30)');
    expect(html).toContain('<th scope="row">Rang 1</th>');
    expect((html.match(/<rect /g) ?? []).length).toBe(2);
  });

  it('draws a legend for two series and says when there is nothing to show', () => {
    expect(textOf(markup(<BarChart spec={guardrailAlertsChart(OVERSIGHT)} />))).toContain(
      'Alertes (données masquées)',
    );
    const empty = markup(<BarChart spec={{ ...guardrailAlertsChart(OVERSIGHT), rows: [] }} />);
    expect(textOf(empty)).toContain('Aucune alerte sur la période.');
    expect(empty).not.toContain('<svg');
  });

  it('warns of automation bias only when the figures raise it, and always explains it', () => {
    const quiet = textOf(markup(<AutomationBiasNotice oversight={OVERSIGHT} />));
    expect(quiet).not.toContain('Risque de biais d’automatisation');
    expect(quiet).toContain('À propos du biais d’automatisation');
    const raised = textOf(
      markup(
        <AutomationBiasNotice
          oversight={{ ...OVERSIGHT, automationBiasWarning: true, firstSuggestionShare: 0.8 }}
        />,
      ),
    );
    expect(raised).toContain('Risque de biais d’automatisation');
    expect(raised.replace(/\u202f/g, ' ')).toContain('Dans 80 % des décisions');
  });
});

describe('login and help pages', () => {
  it('labels the login fields and says when the session expired', () => {
    const html = markup(<LoginPage expired onSignedIn={() => {}} />);
    expect(html).toContain('<label class="fr-label" for="login-username">Identifiant</label>');
    expect(html).toMatch(/autocomplete="current-password"/i);
    expect(textOf(html)).toContain('Votre session a expiré');
  });

  it('explains in plain French what the assistant does, what to never write, and whom to contact', () => {
    const text = textOf(markup(<HelpPage />));
    for (const part of [
      'Ce que fait l’assistant',
      'Ce qu’il ne fait pas',
      'Carif-Oref',
      'Mon Compte Formation',
      'Contenu inventé',
      'RGPD',
      'CNIL',
      'Le droit de ne suivre aucune suggestion',
      'délégué à la protection des données',
      'référent numérique',
    ]) {
      expect(text).toContain(part);
    }
  });
});
