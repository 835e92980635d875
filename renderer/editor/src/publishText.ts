/**
 * The words of the Publish panel (issue 15), in English and Simplified Chinese, beside the editor's other
 * words (text.ts) and filled in the same way; and the package size as staff read it.
 *
 * DRAFT: the zh-Hans strings were written by the engineering team and await a translator's review.
 */
import type { PublishNotice } from '../../../main/common/editorApi';
import type { UiLang } from './text';

const en = {
  publishOpen: 'Publish…',
  publishTitle: 'Publish the exhibit',
  publishLead:
    "Publishing makes one signed file of the exhibit as it is saved now. Kiosks install it from a USB stick or from the museum's update folder; once published, the file is never changed.",
  publishNotSetUp:
    "Publishing is not turned on here: the technician starts the editor with --key and the museum's signing key folder, and with --publish-to and the folder where packages are kept.",
  publishChecking: 'Checking the exhibit…',
  publishExhibit: 'Exhibit',
  publishExhibitValue: '{id} (exhibit.yaml version {version})',
  publishNext: 'Publishes as',
  publishNextValue: 'version {version}:',
  publishLatest: 'Last published',
  publishLatestNone: 'nothing yet',
  publishLatestValue: 'version {version}',
  publishFolder: 'Publish folder',
  publishContent: 'Content',
  publishContentValue: '{files} files, {size} before compression',
  publishCheck: 'Content check',
  countErrors: 'Errors',
  countWarnings: 'Warnings',
  countDrafts: 'Translations marked as draft',
  countPlaceholders: 'Placeholder images or narration',
  publishBlocked: 'It cannot be published yet',
  publishErrorItems: 'Items with errors — choose one to open it:',
  publishFirstErrors: 'What the checker found first:',
  publishReady: 'Ready to publish.',
  publishWillConfirm: 'You will be asked to confirm the drafts and placeholder images first.',
  publishUnsaved:
    'The item open in the form has unsaved changes: they go into the package only once they are saved.',
  publishAgain: 'Check again',
  backToEditing: 'Back to editing',
  publishButton: 'Publish version {version}…',
  confirmTitle: 'Publish version {version}?',
  confirmLead: 'Version {version} goes to every kiosk that installs it, exactly as the exhibit is saved now.',
  confirmDrafts:
    '{n} translations are still marked as draft ({languages}). Visitors will read them as they are.',
  confirmPlaceholders:
    "{n} photographs or narrations are placeholders, not the museum's own. Visitors are told so.",
  confirmQuestion: 'Publish with them?',
  confirmNone: 'The checker found no error, no draft and no placeholder image.',
  confirmPublish: 'Publish version {version}',
  publishing: 'Publishing version {version}: checking the content, signing and writing the file…',
  publishedTitle: 'Published version {version}',
  publishedResult:
    "{file}, {size}, {files} files. Copy it onto a USB stick or into the museum's update folder.",
  publishedWhere: 'It is in {folder}.',
  refusedTitle: 'Nothing was published',
  'reason_not-set-up': 'Publishing is not turned on in this editor.',
  'reason_key-unreadable': "The museum's signing key cannot be read ({detail}). Ask the technician.",
  'reason_folder-unwritable': 'The publish folder cannot be written ({detail}). Ask the technician.',
  'reason_content-unreadable': 'A file of the exhibit cannot go into a package: {detail}',
  'reason_checker-errors': 'The content checker found {n} errors. Correct them, save, and publish again.',
  'reason_checker-errors_one': 'The content checker found an error. Correct it, save, and publish again.',
  'reason_version-taken': 'Version {version} has been published meanwhile. Check again: the next is {next}.',
  reason_busy: 'Another publish is under way. Wait for it to finish, then check again.',
  reason_failed: 'Publishing failed: {detail}',
  reason_drafts: '{n} translations are marked as draft ({languages}).',
  reason_placeholders: '{n} photographs or narrations are placeholders.',
};

export type PublishTextKey = keyof typeof en;

const zhHans: Record<PublishTextKey, string> = {
  publishOpen: '发布……',
  publishTitle: '发布展览',
  publishLead:
    '发布会把当前已保存的展览制作成一个带签名的文件。展览终端可从 U 盘或博物馆的更新文件夹安装它；文件一经发布便不再改动。',
  publishNotSetUp:
    '此处尚未开启发布功能：请技术人员启动编辑器时加上 --key 和博物馆签名密钥所在的文件夹，以及 --publish-to 和存放内容包的文件夹。',
  publishChecking: '正在检查展览……',
  publishExhibit: '展览',
  publishExhibitValue: '{id}（exhibit.yaml 版本 {version}）',
  publishNext: '发布为',
  publishNextValue: '第 {version} 版：',
  publishLatest: '上次发布',
  publishLatestNone: '尚未发布',
  publishLatestValue: '第 {version} 版',
  publishFolder: '发布文件夹',
  publishContent: '内容',
  publishContentValue: '{files} 个文件，压缩前 {size}',
  publishCheck: '内容检查',
  countErrors: '错误',
  countWarnings: '警告',
  countDrafts: '标记为草稿的译文',
  countPlaceholders: '占位图片或讲解',
  publishBlocked: '暂时不能发布',
  publishErrorItems: '有错误的条目（选择即可打开）：',
  publishFirstErrors: '检查程序最先发现的问题：',
  publishReady: '可以发布。',
  publishWillConfirm: '发布前会请您确认草稿和占位图片。',
  publishUnsaved: '表单中打开的条目有未保存的改动：保存之后才会包含在内容包中。',
  publishAgain: '重新检查',
  backToEditing: '返回编辑',
  publishButton: '发布第 {version} 版……',
  confirmTitle: '发布第 {version} 版？',
  confirmLead: '第 {version} 版将按展览当前保存的样子，送到每一台安装它的展览终端。',
  confirmDrafts: '仍有 {n} 条译文标记为草稿（{languages}）。观众将看到它们现在的样子。',
  confirmPlaceholders: '有 {n} 张照片或段讲解是占位内容，并非博物馆自己的资料。终端会向观众说明。',
  confirmQuestion: '仍要发布吗？',
  confirmNone: '检查程序没有发现错误、草稿或占位图片。',
  confirmPublish: '发布第 {version} 版',
  publishing: '正在发布第 {version} 版：检查内容、签名并写入文件……',
  publishedTitle: '已发布第 {version} 版',
  publishedResult: '{file}，{size}，{files} 个文件。请把它复制到 U 盘或博物馆的更新文件夹。',
  publishedWhere: '文件位于 {folder}。',
  refusedTitle: '未发布任何内容',
  'reason_not-set-up': '此编辑器未开启发布功能。',
  'reason_key-unreadable': '无法读取博物馆的签名密钥（{detail}）。请联系技术人员。',
  'reason_folder-unwritable': '无法写入发布文件夹（{detail}）。请联系技术人员。',
  'reason_content-unreadable': '展览中有文件不能放入内容包：{detail}',
  'reason_checker-errors': '内容检查发现 {n} 个错误。请更正并保存后再发布。',
  'reason_checker-errors_one': '内容检查发现 1 个错误。请更正并保存后再发布。',
  'reason_version-taken': '第 {version} 版已在此期间发布。请重新检查：下一版是第 {next} 版。',
  reason_busy: '另一次发布正在进行。请等它完成后重新检查。',
  reason_failed: '发布失败：{detail}',
  reason_drafts: '{n} 条译文标记为草稿（{languages}）。',
  reason_placeholders: '{n} 张照片或段讲解是占位内容。',
};

const TEXTS: Record<UiLang, Record<PublishTextKey, string>> = { en, 'zh-Hans': zhHans };

export function pt(lang: UiLang, key: PublishTextKey, values: Record<string, string | number> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** A refusal or a confirmation in the interface language, from its code and values. Pure. */
export function noticeText(lang: UiLang, notice: PublishNotice): string {
  const key: PublishTextKey =
    notice.code === 'checker-errors' && notice.values.n === 1
      ? 'reason_checker-errors_one'
      : `reason_${notice.code}`;
  return pt(lang, key, notice.values);
}

/** A size as the command line prints it: megabytes with one decimal ("12.3 MB"), kilobytes below 0.1 MB. Pure. */
export function sizeText(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 0.1 ? `${mb.toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
