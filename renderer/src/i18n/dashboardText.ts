/**
 * The staff dashboard's words ("Visitor figures", issue 16) in the four languages the product ships, and
 * its numbers, days and durations written the way each language writes them. Kept apart from uiText.ts so
 * that they travel only in the dashboard's own chunk, never in a visitor's bundle; accessibility choices
 * reuse the visitor's own words from uiText.ts.
 *
 * DRAFT: the zh-Hans, ja and id strings were written by the engineering team and await review by a
 * curator or professional translator (see docs/content-guide.md → "Interface text"); the dashboard says so
 * beside its language choice, as the kiosk does.
 */
import type { StickExportResult } from '../../../main/common/api';
import { uiDraftLanguages, uiText } from './uiText';

/** The languages the dashboard is written in (those of the kiosk's own words). */
export const DASHBOARD_LANGUAGES = ['zh-Hans', 'en', 'ja', 'id'] as const;
export type DashboardLang = (typeof DASHBOARD_LANGUAGES)[number];

const en = {
  title: 'Visitor figures',
  close: 'Close',
  language: 'Language of the figures',
  period: 'Period',
  today: 'Today',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last365: 'Last 365 days',
  from: 'From',
  to: 'to',
  year: 'Year',
  month: 'Month',
  day: 'Day',
  eventsCsv: 'Events CSV',
  dailyCsv: 'Daily CSV',
  saveToStick: 'Save to USB stick',
  savingToStick: 'Saving…',
  savedToStick: 'Saved {events} events for this period to {folder}: {files}. The stick can be taken out.',
  noStick: 'No USB stick found. Put one into the kiosk, wait a few seconds, and try again.',
  stickFailed:
    'The figures could not be written to the USB stick ({detail}). Is it full, or locked against writing?',
  loadFailed: 'The figures could not be loaded ({reason}).',
  off: 'Analytics is off in kiosk.yaml: nothing is being recorded.',
  dropped: 'Events not recorded because the disk is full: {n}',
  loading: 'Loading…',
  visits: 'Visits',
  medianVisit: 'Median visit',
  notesDeclined: 'Content notes declined',
  idleTimedOut: 'Idle warnings timed out',
  ofTotal: '{n} of {total}',
  visitsPerDay: 'Visits per day',
  visitsByHour: 'Visits by hour of day',
  visitLength: 'Length of visits',
  languages: 'Languages (visits)',
  whereVisitsEnd: 'Where visits end',
  funnel: 'Story funnel (visits)',
  story: 'Story',
  opened: 'Opened',
  chaptersReached: 'Chapters reached',
  readToEnd: 'Read to the end',
  mostOpened: 'Most opened',
  item: 'Item',
  kind: 'Kind',
  kindStory: 'Story',
  kindPhoto: 'Photograph',
  visitsColumn: 'Visits',
  mostCompleted: 'Most read to the end',
  howVisitsEnd: 'How visits end',
  ending: 'Ending',
  contentNotes: 'Content notes',
  noteBefore: 'Note before',
  continued: 'Continued',
  declined: 'Declined',
  choicesTitle: 'Narration, captions and accessibility',
  choice: 'Choice',
  times: 'Times',
  choiceValue: '{choice}: {value}',
  narrationPlayed: 'Narration played',
  narrationPaused: 'Narration paused',
  narrationFinished: 'Narration heard to the end',
  visitsWithNarration: 'Visits with narration',
  captionsOn: 'Captions turned on',
  captionsOff: 'Captions turned off',
  none: 'None in this period.',
  minutesSeconds: '{m} min {s} s',
  seconds: '{s} s',
  bucket0: '< 1 min',
  bucket1: '1–2 min',
  bucket2: '2–5 min',
  bucket3: '5–10 min',
  bucket4: '10–20 min',
  bucket5: '≥ 20 min',
  screen_languageChoice: 'Language choice',
  screen_home: 'Home',
  screen_stories: 'Stories',
  screen_story: 'A story',
  screen_photos: 'Photographs',
  screen_people: 'People',
  screen_person: 'A person',
  screen_timeline: 'Timeline',
  screen_diary: 'Diaries',
  screen_diaryEntry: 'A diary excerpt',
  end_idleReset: 'Walked away (idle reset)',
  end_explicitEnd: 'Ended (staff or recovery)',
  end_closingTime: 'Closing time',
} as const;

export type DashboardKey = keyof typeof en;
export type DashboardStrings = Record<DashboardKey, string>;

const zhHans: DashboardStrings = {
  title: '参观数据',
  close: '关闭',
  language: '数据显示语言',
  period: '时间范围',
  today: '今天',
  last7: '最近7天',
  last30: '最近30天',
  last365: '最近365天',
  from: '从',
  to: '至',
  year: '年',
  month: '月',
  day: '日',
  eventsCsv: '事件 CSV',
  dailyCsv: '每日 CSV',
  saveToStick: '保存到 U 盘',
  savingToStick: '正在保存…',
  savedToStick: '已将本时段的 {events} 条事件保存到 {folder}：{files}。现在可以拔出 U 盘。',
  noStick: '未找到 U 盘。请将 U 盘插入展台，稍候几秒后再试。',
  stickFailed: '无法将数据写入 U 盘（{detail}）。U 盘是否已满或处于写保护状态？',
  loadFailed: '无法载入数据（{reason}）。',
  off: 'kiosk.yaml 中已关闭统计：不记录任何数据。',
  dropped: '因磁盘已满而未能记录的事件：{n}',
  loading: '正在载入…',
  visits: '参观次数',
  medianVisit: '参观时长中位数',
  notesDeclined: '看到内容提示后返回',
  idleTimedOut: '闲置提示超时',
  ofTotal: '{n} / {total}',
  visitsPerDay: '每日参观次数',
  visitsByHour: '各时段参观次数',
  visitLength: '参观时长',
  languages: '语言（参观次数）',
  whereVisitsEnd: '参观结束时所在页面',
  funnel: '故事阅读进度（参观次数）',
  story: '故事',
  opened: '打开',
  chaptersReached: '读到的章节',
  readToEnd: '读完',
  mostOpened: '打开最多',
  item: '内容',
  kind: '类型',
  kindStory: '故事',
  kindPhoto: '照片',
  visitsColumn: '参观次数',
  mostCompleted: '读完最多',
  howVisitsEnd: '参观如何结束',
  ending: '结束方式',
  contentNotes: '内容提示',
  noteBefore: '提示所在内容',
  continued: '继续',
  declined: '返回',
  choicesTitle: '讲解、字幕与无障碍选项',
  choice: '选项',
  times: '次数',
  choiceValue: '{choice}：{value}',
  narrationPlayed: '播放讲解',
  narrationPaused: '暂停讲解',
  narrationFinished: '听完讲解',
  visitsWithNarration: '使用讲解的参观',
  captionsOn: '打开字幕',
  captionsOff: '关闭字幕',
  none: '此期间没有数据。',
  minutesSeconds: '{m}分{s}秒',
  seconds: '{s}秒',
  bucket0: '不到1分钟',
  bucket1: '1–2分钟',
  bucket2: '2–5分钟',
  bucket3: '5–10分钟',
  bucket4: '10–20分钟',
  bucket5: '20分钟以上',
  screen_languageChoice: '选择语言',
  screen_home: '首页',
  screen_stories: '故事列表',
  screen_story: '故事',
  screen_photos: '照片',
  screen_people: '人物',
  screen_person: '人物介绍',
  screen_timeline: '大事记',
  screen_diary: '日记',
  screen_diaryEntry: '日记摘录',
  end_idleReset: '离开（闲置后重置）',
  end_explicitEnd: '结束（工作人员或恢复）',
  end_closingTime: '闭馆时间',
};

const ja: DashboardStrings = {
  title: '来館者の利用状況',
  close: '閉じる',
  language: '表示言語',
  period: '期間',
  today: '今日',
  last7: '過去7日間',
  last30: '過去30日間',
  last365: '過去365日間',
  from: '開始日',
  to: '終了日',
  year: '年',
  month: '月',
  day: '日',
  eventsCsv: 'イベントCSV',
  dailyCsv: '日別CSV',
  saveToStick: 'USBメモリに保存',
  savingToStick: '保存しています…',
  savedToStick: 'この期間の{events}件のイベントを{folder}に保存しました：{files}。USBメモリを取り外せます。',
  noStick: 'USBメモリが見つかりません。キオスクに差し込み、数秒待ってからもう一度お試しください。',
  stickFailed: 'USBメモリに書き込めませんでした（{detail}）。容量不足か、書き込み禁止になっていませんか。',
  loadFailed: 'データを読み込めませんでした（{reason}）。',
  off: 'kiosk.yaml で集計がオフになっています。何も記録されません。',
  dropped: 'ディスクがいっぱいで記録できなかったイベント：{n}',
  loading: '読み込み中…',
  visits: '利用回数',
  medianVisit: '利用時間の中央値',
  notesDeclined: '注意書きで戻った回数',
  idleTimedOut: '無操作の確認が時間切れ',
  ofTotal: '{total}件中{n}件',
  visitsPerDay: '日別の利用回数',
  visitsByHour: '時間帯別の利用回数',
  visitLength: '利用時間',
  languages: '言語（利用回数）',
  whereVisitsEnd: '利用が終わった画面',
  funnel: '物語の読み進み（利用回数）',
  story: '物語',
  opened: '開いた',
  chaptersReached: '到達した章',
  readToEnd: '最後まで読んだ',
  mostOpened: 'よく開かれたもの',
  item: '項目',
  kind: '種類',
  kindStory: '物語',
  kindPhoto: '写真',
  visitsColumn: '利用回数',
  mostCompleted: 'よく最後まで読まれた物語',
  howVisitsEnd: '利用の終わり方',
  ending: '終わり方',
  contentNotes: '注意書き',
  noteBefore: '注意書きの対象',
  continued: '続けた',
  declined: '戻った',
  choicesTitle: 'ナレーション・字幕・アクセシビリティ',
  choice: '選択',
  times: '回数',
  choiceValue: '{choice}：{value}',
  narrationPlayed: 'ナレーションの再生',
  narrationPaused: 'ナレーションの一時停止',
  narrationFinished: 'ナレーションを最後まで',
  visitsWithNarration: 'ナレーションを使った利用',
  captionsOn: '字幕をオン',
  captionsOff: '字幕をオフ',
  none: 'この期間にはありません。',
  minutesSeconds: '{m}分{s}秒',
  seconds: '{s}秒',
  bucket0: '1分未満',
  bucket1: '1～2分',
  bucket2: '2～5分',
  bucket3: '5～10分',
  bucket4: '10～20分',
  bucket5: '20分以上',
  screen_languageChoice: '言語の選択',
  screen_home: 'ホーム',
  screen_stories: '物語の一覧',
  screen_story: '物語',
  screen_photos: '写真',
  screen_people: '人物',
  screen_person: '人物の紹介',
  screen_timeline: '年表',
  screen_diary: '日記',
  screen_diaryEntry: '日記の抜粋',
  end_idleReset: '立ち去り（無操作でリセット）',
  end_explicitEnd: '終了（スタッフまたは復旧）',
  end_closingTime: '閉館時刻',
};

const id: DashboardStrings = {
  title: 'Angka pengunjung',
  close: 'Tutup',
  language: 'Bahasa angka ini',
  period: 'Periode',
  today: 'Hari ini',
  last7: '7 hari terakhir',
  last30: '30 hari terakhir',
  last365: '365 hari terakhir',
  from: 'Dari',
  to: 'sampai',
  year: 'Tahun',
  month: 'Bulan',
  day: 'Tanggal',
  eventsCsv: 'CSV peristiwa',
  dailyCsv: 'CSV harian',
  saveToStick: 'Simpan ke USB',
  savingToStick: 'Menyimpan…',
  savedToStick: '{events} peristiwa untuk periode ini disimpan ke {folder}: {files}. USB dapat dicabut.',
  noStick: 'USB tidak ditemukan. Masukkan USB ke kios, tunggu beberapa detik, lalu coba lagi.',
  stickFailed: 'Angka tidak dapat ditulis ke USB ({detail}). Apakah USB penuh atau terkunci dari penulisan?',
  loadFailed: 'Angka tidak dapat dimuat ({reason}).',
  off: 'Analitik dimatikan di kiosk.yaml: tidak ada yang dicatat.',
  dropped: 'Peristiwa yang tidak tercatat karena disk penuh: {n}',
  loading: 'Memuat…',
  visits: 'Kunjungan',
  medianVisit: 'Median lama kunjungan',
  notesDeclined: 'Catatan konten ditolak',
  idleTimedOut: 'Peringatan diam habis waktu',
  ofTotal: '{n} dari {total}',
  visitsPerDay: 'Kunjungan per hari',
  visitsByHour: 'Kunjungan per jam',
  visitLength: 'Lama kunjungan',
  languages: 'Bahasa (kunjungan)',
  whereVisitsEnd: 'Layar terakhir kunjungan',
  funnel: 'Alur membaca cerita (kunjungan)',
  story: 'Cerita',
  opened: 'Dibuka',
  chaptersReached: 'Bab yang dicapai',
  readToEnd: 'Dibaca sampai akhir',
  mostOpened: 'Paling sering dibuka',
  item: 'Konten',
  kind: 'Jenis',
  kindStory: 'Cerita',
  kindPhoto: 'Foto',
  visitsColumn: 'Kunjungan',
  mostCompleted: 'Paling sering dibaca sampai akhir',
  howVisitsEnd: 'Cara kunjungan berakhir',
  ending: 'Akhir',
  contentNotes: 'Catatan konten',
  noteBefore: 'Catatan sebelum',
  continued: 'Lanjut',
  declined: 'Kembali',
  choicesTitle: 'Narasi, teks, dan aksesibilitas',
  choice: 'Pilihan',
  times: 'Kali',
  choiceValue: '{choice}: {value}',
  narrationPlayed: 'Narasi diputar',
  narrationPaused: 'Narasi dijeda',
  narrationFinished: 'Narasi didengar sampai akhir',
  visitsWithNarration: 'Kunjungan dengan narasi',
  captionsOn: 'Teks dinyalakan',
  captionsOff: 'Teks dimatikan',
  none: 'Tidak ada pada periode ini.',
  minutesSeconds: '{m} mnt {s} dtk',
  seconds: '{s} dtk',
  bucket0: '< 1 mnt',
  bucket1: '1–2 mnt',
  bucket2: '2–5 mnt',
  bucket3: '5–10 mnt',
  bucket4: '10–20 mnt',
  bucket5: '≥ 20 mnt',
  screen_languageChoice: 'Pilihan bahasa',
  screen_home: 'Beranda',
  screen_stories: 'Daftar cerita',
  screen_story: 'Sebuah cerita',
  screen_photos: 'Foto',
  screen_people: 'Tokoh',
  screen_person: 'Seorang tokoh',
  screen_timeline: 'Linimasa',
  screen_diary: 'Buku harian',
  screen_diaryEntry: 'Kutipan buku harian',
  end_idleReset: 'Pergi (diatur ulang saat diam)',
  end_explicitEnd: 'Diakhiri (staf atau pemulihan)',
  end_closingTime: 'Jam tutup',
};

const TEXTS: Record<DashboardLang, DashboardStrings> = { en, 'zh-Hans': zhHans, ja, id };

/** The dashboard language for a kiosk language: itself when the dashboard is written in it, else English. */
export function dashboardLang(lang: string): DashboardLang {
  return (DASHBOARD_LANGUAGES as readonly string[]).includes(lang) ? (lang as DashboardLang) : 'en';
}

export function dashboardText(lang: DashboardLang): DashboardStrings {
  return TEXTS[lang];
}

/** Whether the dashboard's words in this language are a draft awaiting review. */
export const isDraftDashboard = (lang: DashboardLang): boolean =>
  (uiDraftLanguages as readonly string[]).includes(lang);

/** Fills `{name}` placeholders. */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** Writes the figures (numbers, days, durations, names) the way a language writes them. */
export interface DashboardFormat {
  lang: DashboardLang;
  t: DashboardStrings;
  number(n: number): string;
  /** "12/1", "12月1日", "1 Des": a day of the period, short. */
  day(day: string): string;
  /** "3 min 05 s", "3分05秒"; "—" for none. */
  duration(seconds: number | null): string;
  /** "2 of 5", "5件中2件". */
  ofTotal(n: number, total: number): string;
  /** A visit-length bucket by its index in VISIT_LENGTH_BUCKETS. */
  bucket(index: number, fallback: string): string;
  screen(screen: string): string;
  ending(how: string): string;
  /** An accessibility choice and its value in the visitor's own words: "Text size: Large". */
  accessibility(choice: string, value: string): string;
  /** A language tag's name in the dashboard's language ("Japanese", "日语"). */
  languageName(tag: string): string;
}

export function dashboardFormat(lang: DashboardLang): DashboardFormat {
  const t = dashboardText(lang);
  const numbers = new Intl.NumberFormat(lang);
  const days = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const names = new Intl.DisplayNames([lang], { type: 'language' });
  const ui = uiText(lang);
  const choiceNames: Record<string, string> = {
    textSize: ui.textSize,
    highContrast: ui.highContrast,
    reducedMotion: ui.reducedMotion,
    seated: ui.seated,
  };
  const valueNames: Record<string, string> = {
    standard: ui.textStandard,
    large: ui.textLarge,
    largest: ui.textLargest,
    magnified: ui.textMagnified,
    on: ui.on,
    off: ui.off,
  };
  const keyed = (key: string, fallback: string) => (key in t ? t[key as DashboardKey] : fallback);
  return {
    lang,
    t,
    number: (n) => numbers.format(n),
    day: (day) => {
      const time = Date.parse(`${day}T00:00:00Z`);
      return Number.isNaN(time) ? day : days.format(time);
    },
    duration: (seconds) => {
      if (seconds === null) return '—';
      const m = Math.floor(seconds / 60);
      const s = seconds % 60;
      return m > 0
        ? fillIn(t.minutesSeconds, { m: numbers.format(m), s: String(s).padStart(2, '0') })
        : fillIn(t.seconds, { s: numbers.format(s) });
    },
    ofTotal: (n, total) => fillIn(t.ofTotal, { n: numbers.format(n), total: numbers.format(total) }),
    bucket: (index, fallback) => keyed(`bucket${index}`, fallback),
    screen: (screen) => keyed(`screen_${screen}`, screen),
    ending: (how) => keyed(`end_${how}`, how),
    accessibility: (choice, value) =>
      fillIn(t.choiceValue, { choice: choiceNames[choice] ?? choice, value: valueNames[value] ?? value }),
    languageName: (tag) => {
      try {
        return names.of(tag) ?? tag;
      } catch {
        return tag;
      }
    },
  };
}

/** Every word the dashboard can show in a language (for the fonts cut to the interface's characters). */
export function dashboardWords(lang: DashboardLang): string[] {
  const f = dashboardFormat(lang);
  const months = Array.from({ length: 12 }, (_, m) => f.day(`2026-${String(m + 1).padStart(2, '0')}-28`));
  return [...Object.values(f.t), ...months, f.duration(605), f.ofTotal(1, 3), '0123456789,.→—'];
}

/** What staff read after "Save to USB stick": where the figures went, or why they did not (pure). */
export function stickMessage(result: StickExportResult, f: DashboardFormat): string {
  const { t } = f;
  if (result.ok)
    return fillIn(t.savedToStick, {
      events: f.number(result.events),
      folder: result.folder,
      files: result.files.join(', '),
    });
  if (result.reason === 'no-stick') return t.noStick;
  return fillIn(t.stickFailed, { detail: result.detail });
}
