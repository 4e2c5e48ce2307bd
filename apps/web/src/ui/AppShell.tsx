import { Outlet } from '@tanstack/react-router';
import { Header } from './Header';

export function AppShell() {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1} className="page">
        <Outlet />
      </main>
    </>
  );
}
