/**
 * The words of the photograph upload (issue 14, point 5), in English and Simplified Chinese, beside the
 * editor's other words (text.ts) and filled in the same way.
 *
 * DRAFT: the zh-Hans strings were written by the engineering team and await a translator's review.
 */
import type { UiLang } from './text';

const en = {
  uploadTitle: 'The photograph',
  uploadLead:
    'Add the scan of this photograph: JPEG, PNG, TIFF or WebP, up to 1 GB and 400 megapixels. The editor makes the thumbnail, the screen image and the zoom tiles the kiosk shows.',
  uploadNewLead:
    'Adding the scan puts this photograph in the exhibit; then write its caption and the other texts and save.',
  uploadChoose: 'Choose a file…',
  uploadDrop: 'or drop it here',
  uploadDropActive: 'Drop the file to add it',
  uploadReal: 'This is the real photograph: remove the “placeholder image” mark',
  uploadRealHelp: 'Leave it unticked for another stand-in; the kiosk then keeps saying it is a placeholder.',
  uploadStillPlaceholder:
    'Added. The photograph is still marked as a placeholder image: tick the box above and add it again, or untick “placeholder” in the form and save, when it is the real one.',
  uploadDone: 'Added: {file}, {width} × {height} pixels. The preview shows it now.',
  uploadSending: 'Sending the file… {percent} %',
  step_check: 'Checking the image',
  step_original: 'Storing the original',
  step_display: 'Making the screen image',
  step_thumbnail: 'Making the thumbnail',
  step_tiles: 'Making the zoom tiles (the longest step for a large scan)',
  step_preview: 'Showing it in the kiosk preview',
  uploadStepOf: 'Step {n} of {total}',
  uploadFailed: 'The photograph was not added: {message} Nothing in the exhibit was changed.',
  uploadNotImage: '“{name}” is not a JPEG, PNG, TIFF or WebP file.',
  uploadZoomLabel: 'The photograph as the kiosk will zoom it',
  uploadSaveFirst: 'Unsaved changes in the form are kept; save them after the upload.',
};

const zhHans: Record<keyof typeof en, string> = {
  uploadTitle: '照片',
  uploadLead:
    '添加这张照片的扫描件：JPEG、PNG、TIFF 或 WebP，最大 1 GB、4 亿像素。编辑器会生成展览终端显示所用的缩略图、屏幕图像和缩放图块。',
  uploadNewLead: '添加扫描件后，这张照片即加入展览；然后填写图注等文字并保存。',
  uploadChoose: '选择文件……',
  uploadDrop: '或拖放到此处',
  uploadDropActive: '松开即可添加该文件',
  uploadReal: '这是真实的历史照片：去掉“占位图”标记',
  uploadRealHelp: '若仍是替代图，请不要勾选；展览终端会继续说明这是占位图。',
  uploadStillPlaceholder:
    '已添加。这张照片仍标记为占位图：若它是真实照片，请勾选上方的选项后重新添加，或在表单中取消“placeholder”并保存。',
  uploadDone: '已添加：{file}，{width} × {height} 像素。预览中已显示。',
  uploadSending: '正在发送文件……{percent}%',
  step_check: '正在检查图像',
  step_original: '正在保存原图',
  step_display: '正在生成屏幕图像',
  step_thumbnail: '正在生成缩略图',
  step_tiles: '正在生成缩放图块（大尺寸扫描件最费时的一步）',
  step_preview: '正在展览终端预览中显示',
  uploadStepOf: '第 {n} 步，共 {total} 步',
  uploadFailed: '照片未添加：{message} 展览内容没有任何改动。',
  uploadNotImage: '“{name}”不是 JPEG、PNG、TIFF 或 WebP 文件。',
  uploadZoomLabel: '展览终端中可缩放查看的照片',
  uploadSaveFirst: '表单中未保存的改动会保留；请在添加照片后保存。',
};

export type UploadTextKey = keyof typeof en;
const TEXTS: Record<UiLang, Record<UploadTextKey, string>> = { en, 'zh-Hans': zhHans };

export function ut(lang: UiLang, key: UploadTextKey, values: Record<string, string | number> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
