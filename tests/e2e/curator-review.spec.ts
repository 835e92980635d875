/**
 * What a memorial hall's curator asked of the sample exhibit (issue 12), as a visitor meets it: a content
 * note before the text of the fall of Nanjing and before biographies that describe atrocities; quoted
 * wording that never calls itself the original; section hints that are the exhibit's own.
 */
import type { Page } from '@playwright/test';
import { expect, startVisit, test } from './fixtures';

const LANGUAGES = ['zh-Hans', 'en', 'ja', 'id'] as const;
type Lang = (typeof LANGUAGES)[number];

/** The first words of the fall-of-Nanjing event's text, and of its content note, in each language. */
const FALL_OF_NANJING: Record<Lang, { text: string; note: string }> = {
  'zh-Hans': { text: '日军攻占南京。', note: '此条提及南京沦陷后的大规模屠杀和强奸。' },
  en: {
    text: 'The Japanese army takes Nanjing.',
    note: 'This event refers to the mass killings and rapes that followed the fall of Nanjing.',
  },
  ja: {
    text: '日本軍が南京を占領しました。',
    note: 'この項目は、南京陥落後の大規模な殺害と強姦に触れています。',
  },
  id: {
    text: 'Tentara Jepang merebut Nanjing.',
    note: 'Peristiwa ini menyinggung pembunuhan massal dan pemerkosaan setelah jatuhnya Nanjing.',
  },
};

const CGTN =
  "CGTN, 'Remembering history: Honoring international friends who stood up for Nanjing' (photo series)";

/** What each language says under Vautrin's excerpt (CGTN's English wording), and its word for "original". */
const QUOTED: Record<Lang, { says: string; original: RegExp }> = {
  'zh-Hans': { says: `译自${CGTN}所引的英语措辞`, original: /原文/ },
  en: { says: `As quoted in ${CGTN}; not checked against the author’s own text`, original: /Original/ },
  ja: { says: `${CGTN}が引用した英語の文言からの翻訳`, original: /原文/ },
  id: { says: `Diterjemahkan dari kutipan berbahasa Inggris dalam ${CGTN}`, original: /Teks asli/ },
};

async function openTimelineEvent(page: Page, lang: Lang, id: string): Promise<void> {
  await page.goto('/');
  await startVisit(page, lang);
  await page.getByTestId('section-timeline').tap();
  await page.getByTestId(`event-${id}`).tap();
  await expect(page.getByTestId(`event-${id}`)).toHaveAttribute('aria-expanded', 'true');
}

for (const lang of LANGUAGES) {
  test(`${lang}: the fall of Nanjing shows its content note before its text`, async ({ kiosk: page }) => {
    const { text, note } = FALL_OF_NANJING[lang];
    await openTimelineEvent(page, lang, 'nanjing-falls');
    const detail = page.getByTestId('timeline-detail-nanjing-falls');
    await expect(detail.getByTestId('content-note')).toContainText(note);
    await expect(detail).not.toContainText(text);

    // "Go back" closes the event without showing the text.
    await detail.getByTestId('content-note-back').tap();
    await expect(page.getByTestId('event-nanjing-falls')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByText(text)).toHaveCount(0);

    // Open it again and continue: now the text, and no note.
    await page.getByTestId('event-nanjing-falls').tap();
    await expect(detail.getByTestId('content-note')).toBeVisible();
    await detail.getByTestId('content-note-continue').tap();
    await expect(detail).toContainText(text);
    await expect(detail.getByTestId('content-note')).toHaveCount(0);

    // An event that describes no violence opens straight to its text.
    await page.getByTestId('event-committee-founded').tap();
    await expect(
      page.getByTestId('timeline-detail-committee-founded').getByTestId('content-note'),
    ).toHaveCount(0);
  });

  test(`${lang}: CGTN's wording of Vautrin is "as quoted", never "original"`, async ({ kiosk: page }) => {
    await page.goto('/');
    await startVisit(page, lang);
    await page.getByTestId('section-diary').tap();
    await page.getByTestId('diary-vautrin-utterly-drained').tap();
    const excerpt = page.getByTestId('screen-diary-entry');
    await expect(page.getByTestId('diary-wording')).toHaveText(QUOTED[lang].says);
    await expect(excerpt).not.toContainText(QUOTED[lang].original);
    await expect(page.getByTestId('toggle-original')).toHaveCount(0);
  });
}

test('Rabe’s garden quotation: an English translation of his German, as CGTN quotes it', async ({
  kiosk: page,
}) => {
  await page.goto('/');
  await startVisit(page, 'en');
  await page.getByTestId('section-diary').tap();
  await page.getByTestId('diary-rabe-garden-gate').tap();
  await page.getByTestId('content-note-continue').tap();
  const wording = page.getByTestId('diary-wording');
  await expect(wording).toContainText(`As quoted in ${CGTN}`);
  await expect(wording).toContainText('Written in German: the quoted wording is itself a translation');
  await expect(page.getByTestId('screen-diary-entry')).not.toContainText('Original');
});

test('a biography that describes atrocities is behind its note; the profile’s name is not', async ({
  kiosk: page,
}) => {
  await page.goto('/');
  await startVisit(page, 'en');
  await page.getByTestId('section-people').tap();
  await page.getByTestId('person-john-magee').tap();
  await expect(page.getByTestId('screen-person')).toContainText('John Magee');
  await expect(page.getByTestId('content-note')).toContainText('atrocities committed by the Japanese army');
  await expect(page.getByTestId('profile-biography')).toHaveCount(0);
  await page.getByTestId('content-note-continue').tap();
  await expect(page.getByTestId('profile-biography')).toContainText('He filmed the atrocities');
});

test('the home screen’s section hints are the exhibit’s own, and true of what they head', async ({
  kiosk: page,
}) => {
  await page.goto('/');
  await startVisit(page, 'en');
  await expect(page.getByTestId('section-people')).toContainText(
    'People in this history, and what the sources record of them',
  );
  await expect(page.getByTestId('section-diary')).toContainText('Diaries and remembered words');
  await expect(page.getByTestId('home')).not.toContainText('Those who stayed to help');
  await expect(page.getByTestId('home')).not.toContainText('Words written at the time');
  await page.getByTestId('section-diary').tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diaries and remembered words');
});
