import { createContext, useContext, useState, type ReactNode } from "react";
import { en, type Messages } from "./messages-en.js";
import { ko } from "./messages-ko.js";

export type Language = "en" | "ko";
export type MessageKey = keyof Messages;

const catalogs: Record<Language, Messages> = { en, ko };

/** Korean when the browser prefers it, English otherwise; the switch overrides both. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem("vigil.language");
  if (saved === "en" || saved === "ko") return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.some((tag) => tag.toLowerCase().startsWith("ko")) ? "ko" : "en";
}

interface I18n {
  readonly language: Language;
  setLanguage(language: Language): void;
  /** The message, with `{name}` placeholders filled from `values`. */
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const setLanguage = (next: Language) => {
    localStorage.setItem("vigil.language", next);
    document.documentElement.lang = next;
    setState(next);
  };
  document.documentElement.lang = language;
  const t: I18n["t"] = (key, values) =>
    catalogs[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
  return (
    <I18nContext.Provider value={{ language, setLanguage, t }}>{children}</I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="language">
      {t("language")}{" "}
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        <option value="en">English</option>
        <option value="ko">한국어</option>
      </select>
    </label>
  );
}
