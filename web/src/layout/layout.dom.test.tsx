// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Footer } from './Footer';
import { Header } from './Header';

describe('react-dsfr header and footer', () => {
  it('names the state and the service, and shows no menu before sign-in', () => {
    render(<Header page="home" onLogout={vi.fn()} />);

    const banner = screen.getByRole('banner');
    expect(banner).toHaveTextContent('RépubliqueFrançaise');
    expect(within(banner).getByText('Assistant formation')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Menu principal' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Se déconnecter/ })).not.toBeInTheDocument();
  });

  it('shows the user, the role’s menu with the current page, and logs out', async () => {
    const user = userEvent.setup();
    const onLogout = vi.fn();
    render(
      <Header
        user={{ user: 'c.martin', role: 'counsellor', csrfToken: 't' }}
        page="help"
        onLogout={onLogout}
      />,
    );

    const menu = screen.getByRole('navigation', { name: 'Menu principal' });
    expect(within(menu).getByRole('link', { current: 'page' })).toHaveAttribute('href', '#/aide');
    expect(screen.getAllByText('c.martin (conseiller)')[0]).toBeInTheDocument();
    // react-dsfr renders the quick access twice: the desktop tools, and the mobile menu (hidden by the
    // DSFR stylesheet on large screens). The first is the desktop one.
    const [logout] = screen.getAllByRole('button', { name: 'Se déconnecter' });
    await user.click(logout as HTMLElement);
    expect(onLogout).toHaveBeenCalledTimes(1);
  });

  it('keeps the decision reminder and the help link in the footer', () => {
    render(
      <>
        <Header page="home" onLogout={vi.fn()} />
        <Footer />
      </>,
    );
    const footer = screen.getByRole('contentinfo');
    expect(footer).toHaveTextContent('le conseiller ou la conseillère reste seul juge');
    expect(within(footer).getByRole('link', { name: 'Aide et bonnes pratiques' })).toHaveAttribute(
      'href',
      '#/aide',
    );
  });
});
