/**
 * The words of the recovery of unsaved edits (issue 14, "unsaved edits survive a crash or a closed
 * window"), in English and Simplified Chinese, beside the editor's other words (text.ts) and filled in the
 * same way.
 *
 * DRAFT: the zh-Hans strings were written by the engineering team and await a translator's review.
 */
import type { UiLang } from './text';

const en = {
  recoveryTitle: 'Changes that were not saved',
  recoveryLead:
    'The editor closed before these changes were saved — the computer may have stopped, or the window was closed. They were kept on this computer. Restore them to go on working, or discard them.',
  recoveryLeadOne:
    'The editor closed before this change was saved — the computer may have stopped, or the window was closed. It was kept on this computer. Restore it to go on working, or discard it.',
  recoveryWhen: 'Last changed on {time}, not saved.',
  recoveryChanged:
    'The file has been changed since then, by someone else or in a text editor. Restoring shows both versions side by side, so that you can choose which to keep.',
  recoveryRestore: 'Restore the changes',
  recoveryDiscard: 'Discard the changes',
  recoveryLater: 'Decide later',
  recoveryLaterHelp: 'Changes you do not restore or discard now are offered again the next time you sign in.',
  recoveryRestored:
    'Your changes from {time} are back in the form. They are not saved yet: check them, then choose Save.',
  recoveryRestoredChanged:
    'Your changes from {time} were made on an earlier version of this item: compare both versions before you keep one.',
  recoveryDiscarded: 'The unsaved changes to “{name}” were discarded.',
  recoveryKept: 'kept on this computer at {time}',
  recoveryKeptHelp:
    'If the editor closes before you save, these changes are offered again the next time you sign in.',
  recoveryKeptFailed: 'Your changes could not be kept on this computer: save soon.',
  recoveryPending: 'More unsaved changes ({n})',
};

export type RecoveryTextKey = keyof typeof en;

const zhHans: Record<RecoveryTextKey, string> = {
  recoveryTitle: '尚未保存的改动',
  recoveryLead:
    '编辑器在这些改动保存之前关闭了——可能是电脑停止运行，或窗口被关闭。改动已保留在这台电脑上。您可以恢复它们继续工作，也可以放弃它们。',
  recoveryLeadOne:
    '编辑器在这项改动保存之前关闭了——可能是电脑停止运行，或窗口被关闭。改动已保留在这台电脑上。您可以恢复它继续工作，也可以放弃它。',
  recoveryWhen: '最后修改于 {time}，尚未保存。',
  recoveryChanged: '此后文件已被他人或在文本编辑器中修改过。恢复时会并排显示两个版本，由您选择保留哪一个。',
  recoveryRestore: '恢复这些改动',
  recoveryDiscard: '放弃这些改动',
  recoveryLater: '稍后再决定',
  recoveryLaterHelp: '现在没有恢复或放弃的改动，会在您下次登录时再次提供。',
  recoveryRestored: '您在 {time} 的改动已放回表单中，但尚未保存：请检查后选择“保存”。',
  recoveryRestoredChanged:
    '您在 {time} 的改动是在此条目的较早版本上做的：请先比较两个版本，再决定保留哪一个。',
  recoveryDiscarded: '已放弃对“{name}”的未保存改动。',
  recoveryKept: '已于 {time} 保留在这台电脑上',
  recoveryKeptHelp: '如果编辑器在保存前关闭，下次登录时会再次提供这些改动。',
  recoveryKeptFailed: '您的改动未能保留在这台电脑上：请尽快保存。',
  recoveryPending: '其他未保存的改动（{n}）',
};

const TEXTS: Record<UiLang, Record<RecoveryTextKey, string>> = { en, 'zh-Hans': zhHans };

export function rt(lang: UiLang, key: RecoveryTextKey, values: Record<string, string | number> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** A time in words for the interface language ("2 December 2026 at 11:43", "2026年12月2日 11:43"). */
export function recoveryTime(ui: UiLang, iso: string, withDate = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(ui, {
    ...(withDate ? { dateStyle: 'long' } : {}),
    timeStyle: withDate ? 'short' : 'medium',
  }).format(date);
}
