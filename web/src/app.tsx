// The dashboard's frame: a skip link, the navigation (a menu button on narrow screens), and
// the page the URL hash names. After navigation, focus moves to the new page's title.

import { useEffect, useRef, useState } from 'preact/hooks';
import { PageHeader } from './components/page-header.js';
import { ChatPage } from './pages/chat/chat-page.js';
import { CompliancePage } from './pages/compliance/compliance-page.js';
import { DemandPage } from './pages/demand/demand-page.js';
import { MarketPage } from './pages/market/market-page.js';
import { OverviewPage } from './pages/overview/overview-page.js';
import { PulsePage } from './pages/pulse/pulse-page.js';
import { RetailPage } from './pages/retail/retail-page.js';
import { type HashLocation, href, PAGES, useHashLocation } from './router.js';

export function App() {
  const location = useHashLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const firstRender = useRef(true);
  const page = PAGES.find((p) => p.path === location.path);

  useEffect(() => {
    document.title = `${page?.title ?? 'Not found'} · shoplake`;
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
    window.scrollTo(0, 0);
  }, [location.path, page]);

  return (
    <div class="shell">
      <button type="button" class="skip-link" onClick={() => document.getElementById('page-title')?.focus()}>
        Skip to content
      </button>
      <header class="topbar">
        <a class="brand" href={href('/')}>
          <span class="brand-mark" aria-hidden="true" />
          shoplake
        </a>
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
      </header>
      <nav id="site-nav" class={menuOpen ? 'sidebar sidebar--open' : 'sidebar'} aria-label="Dashboard pages">
        <ul>
          {PAGES.map((p) => (
            <li key={p.path}>
              <a href={href(p.path)} aria-current={p.path === location.path ? 'page' : undefined}>
                <span class="nav-title">{p.title}</span>
                <span class="nav-blurb">{p.blurb}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content">
        <Page location={location} />
      </main>
    </div>
  );
}

function Page({ location }: { location: HashLocation }) {
  switch (location.path) {
    case '/':
      return <OverviewPage />;
    case '/market':
      return <MarketPage location={location} />;
    case '/demand':
      return <DemandPage />;
    case '/compliance':
      return <CompliancePage />;
    case '/pulse':
      return <PulsePage location={location} />;
    case '/retail-copilot':
      return <RetailPage />;
    case '/chat':
      return <ChatPage />;
    default:
      return (
        <PageHeader title="Page not found">
          There is no page {location.path}. <a href={href('/')}>Go to the overview</a>.
        </PageHeader>
      );
  }
}
