// One live region for the results of actions: visible at the top of the page and read out by
// screen readers. Components announce through useAnnounce().
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Tone = 'success' | 'info';
interface Announcement {
  id: number;
  text: string;
  tone: Tone;
}

const AnnounceContext = createContext<(text: string, tone?: Tone) => void>(() => undefined);

/** How long a message stays on screen. */
const SHOWN_MS = 8_000;

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<Announcement | null>(null);
  const counter = useRef(0);
  const announce = useCallback((text: string, tone: Tone = 'success') => {
    counter.current += 1;
    setCurrent({ id: counter.current, text, tone });
  }, []);
  useEffect(() => {
    if (!current) return;
    const timer = setTimeout(() => setCurrent(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [current]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="announcer" role="status" aria-live="polite">
        {current && (
          <p key={current.id} className={`toast toast-${current.tone}`}>
            <span>{current.text}</span>
            <button type="button" className="link-button" onClick={() => setCurrent(null)}>
              {t('common.dismiss')}
            </button>
          </p>
        )}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce() {
  return useContext(AnnounceContext);
}
