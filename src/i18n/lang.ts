/** The languages Amur speaks (English, Chinese, Russian); `messages.ts` re-exports them. */
export const LANGS = ['en', 'zh', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
