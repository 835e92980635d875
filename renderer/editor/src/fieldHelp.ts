/**
 * The help under each form field in Simplified Chinese, by the schema's English description (the one zod
 * schema in main/content/schema.ts and main/common/settings.ts, exported as docs/schema/*.json).
 *
 * Keyed by the English text itself, not by property name or path: names repeat across schemas with different
 * help (`id`, `title`, `language`), and SchemaForm shows the help of a schema node, whose description is
 * all it has at hand — a story's fields sit under its language, list items under their index, so a path would
 * have to be normalised first. The same English always gets the same Chinese, and when an English
 * description is reworded the form falls back to the new English until its Chinese is added here
 * (fieldHelp.test.ts lists any that is missing).
 *
 * Code-like words stay as written (file names, setting names, values such as true, key names, URLs).
 *
 * DRAFT: written by the engineering team; awaits a curator's and translator's review, as fieldLabels.ts.
 */
import type { UiLang } from './text';

export const FIELD_HELP_ZH: Readonly<Record<string, string>> = {
  'content-notes.yaml (optional): per language, the words that mark a text as describing violence. The checker warns about an item whose text has one of them but that carries no contentNote.':
    'content-notes.yaml（可选）：按语言列出表明文字描述了暴力的词语。若某条目的文字含有其中的词语，却没有 contentNote（内容提示），检查程序会发出警告。',
  'Words that mark a text as describing violence. Chinese and Japanese words are found anywhere in a text; other words at the start of a word ("kill" finds "killed", not "skill").':
    '表明文字描述了暴力的词语。中文和日文词语在文字中的任何位置都会被找到；其他语言的词语只从词首开始匹配（"kill" 能找到 "killed"，但不会找到 "skill"）。',
  'Names that contain such a word but do not by themselves describe violence (e.g. "Nanjing Massacre"); they are left out before the words are looked for.':
    '含有这类词语、但本身并不描述暴力的名称（例如 "Nanjing Massacre"）；查找词语之前，会先把这些名称排除在外。',
  'diary/<id>.yaml: a diary excerpt or remembered words.': 'diary/<id>.yaml：一段日记摘录，或回忆中的话语。',
  'Person id.': '人物标识。',
  'A date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (in quotes); a bare year like 1941 is accepted.':
    '日期："YYYY"、"YYYY-MM" 或 "YYYY-MM-DD"（加引号）；也接受不加引号的年份，例如 1941。',
  'Text per language: one line per language tag, e.g. "en: A group photo …".':
    '各语言的文字：每种语言一行，以语言标记开头，例如 "en: A group photo …"。',
  'The language the author wrote in (any BCP 47 tag).': '作者写作时使用的语言（任意 BCP 47 语言标记）。',
  "The author's own text, in originalLanguage, checked against the original document. Never the wording another work quotes.":
    '作者本人的原文，以 originalLanguage（原文语言）书写，并已与原始文件核对。不可填写其他著作所引用的措辞。',
  'The excerpt\'s wording is as another work quotes it, not checked against the author\'s own text: the kiosk says "as quoted in …" and never calls it the original.':
    '摘录的措辞取自其他著作的引用，未与作者本人的原文核对：展览终端会注明“据……所引”，绝不称之为原文。',
  'The work whose wording the excerpt gives, as it is cited.': '摘录措辞所出自的著作，按其引用格式书写。',
  'The language of the wording in that work. When it differs from originalLanguage, the quoted wording is itself a translation.':
    '该著作中措辞所用的语言。若与 originalLanguage（原文语言）不同，则所引措辞本身就是一种译文。',
  'Narration per spoken language.': '每种朗读语言的朗读音频。',
  'true: a synthetic voice, to be replaced by a recorded reader.':
    'true：合成语音，日后将换成真人朗读的录音。',
  'Captions in other languages for an existing narration.': '为已有的朗读音频提供的其他语言字幕。',
  'A BCP 47 language tag, e.g. "en", "zh-Hans", "ja", "id".':
    'BCP 47 语言标记，例如 "en"、"zh-Hans"、"ja"、"id"。',
  'Photo id of the diary page.': '日记页面照片的标识。',
  "Languages whose translation still needs a curator's review, e.g. [ja, id].":
    '译文仍需策展人审校的语言，例如 [ja, id]。',
  'exhibit.yaml: the exhibit title, languages, attract loop and home sections.':
    'exhibit.yaml：展览标题、语言、待机轮播和首页栏目。',
  'An id: lowercase letters, digits and single hyphens (kebab-case), e.g. "john-rabe".':
    '标识：只用小写字母、数字和单个连字符（kebab-case），例如 "john-rabe"。',
  'Bump this whenever the content changes, e.g. 1.0.1.': '每次内容有改动时，都要调高此版本号，例如 1.0.1。',
  'The language every text must have; one of `languages`.':
    '每段文字都必须具备的语言；须是 `languages`（语言）中的一种。',
  'Languages in the order of the language chooser.': '语言列表，顺序即观众选择语言时看到的顺序。',
  'Photo ids shown in turn while nobody is using the kiosk.': '无人使用展览终端时轮流显示的照片的标识。',
  'Seconds each attract photo is shown (6–60).': '待机轮播中每张照片显示的秒数（6–60）。',
  'Home screen sections, in order.': '首页上的栏目，按显示顺序排列。',
  "Optional, per section: this exhibit's own title and hint. Without them the kiosk shows generic words that fit any exhibit.":
    '可选，按栏目填写：本展览自己的栏目标题和提示。不填时，展览终端显示适用于任何展览的通用文字。',
  "This exhibit's own title and hint for one home section.": '本展览为一个首页栏目设定的标题和提示。',
  "The section's name on the home screen and its list screen (default: the kiosk's own word).":
    '栏目在首页及其列表画面上的名称（默认：展览终端自带的用词）。',
  'The line under the name on the home screen; it must be true of everything the section shows.':
    '首页上名称下方的一行文字；它必须符合该栏目展示的全部内容。',
  'Seconds without a touch before "Are you still there?" appears.': '无人触摸多少秒后出现“您还在浏览吗？”。',
  'Seconds the warning counts down before the kiosk returns to the attract loop.':
    '提醒倒计时的秒数；倒计时结束后，展览终端回到待机轮播。',
  'Narration volume, 0 (silent) to 1 (full).': '朗读音频的音量，0（静音）到 1（最大）。',
  'Seconds for narration to fade in and out.': '朗读音频淡入和淡出所用的秒数。',
  'Hide the mouse pointer (touch screens).': '隐藏鼠标指针（用于触摸屏）。',
  'The sound output narration plays on, by (part of) its name as the computer lists it, such as "Headphones" or "USB Audio": a headphone jack for the audio guide keeps the hall quiet. Left out: the computer\'s default output. The audio guide\'s synthetic voice always uses the default output (docs/accessibility.md).':
    '朗读音频所用的声音输出设备，按电脑列出的设备名称（或名称的一部分）填写，例如 "Headphones" 或 "USB Audio"：让语音导览使用耳机插孔，可使展厅保持安静。不填：使用电脑的默认输出。语音导览的合成语音始终使用默认输出（docs/accessibility.md）。',
  "Language of the attract loop and first screen; default: the exhibit's default language.":
    '待机轮播和第一个画面所用的语言；默认：展览的默认语言。',
  'Which keys do what (docs/accessibility.md). Each action lists key names as the browser gives them ("ArrowDown", "Enter", "Escape", "Home", "h", "+"), "Shift+Tab" for a key with Shift. An action left out keeps its default keys.':
    '各按键的作用（docs/accessibility.md）。每个操作列出按键名称，写法与浏览器给出的一致（"ArrowDown"、"Enter"、"Escape"、"Home"、"h"、"+"），需同时按 Shift 的键写作 "Shift+Tab"。未列出的操作保留其默认按键。',
  'Speed of the spoken audio guide: 1 is normal, 0.5 half as fast, 2 twice as fast.':
    '语音导览的语速：1 为正常速度，0.5 为一半速度，2 为两倍速度。',
  'Starting volume of the spoken audio guide, 0 to 1; the volume keys change it per visit.':
    '语音导览的初始音量，0 到 1；每次参观中可用音量键调节。',
  'true: the first key pressed in the attract loop starts the audio guide (a kiosk with a keypad for blind visitors only).':
    'true：在待机轮播时按下的第一个键即开启语音导览（仅用于为视障观众配有按键面板的展览终端）。',
  'In audio mode: seconds without a key (or touch) before the spoken "Are you still there?". Never shorter than idleSeconds.':
    '语音导览模式下：无人按键（或触摸）多少秒后，语音询问“您还在浏览吗？”。不会短于 idleSeconds（闲置秒数）。',
  'In audio mode: seconds the spoken warning counts down (said every ten seconds, then at five) before the reset. Never shorter than warningSeconds.':
    '语音导览模式下：语音提醒倒计时的秒数（每十秒报一次，最后在剩五秒时再报一次），倒计时结束后回到开始。不会短于 warningSeconds（提醒秒数）。',
  'Explore by touch for blind visitors without a keypad: three fingers held still on the screen start (and end) it; then a touch says what is under the finger and a double tap chooses it. false: the gesture does nothing.':
    '供没有按键面板的视障观众使用的触摸探索：三根手指在屏幕上按住不动，即可开启（或结束）触摸探索；之后触摸屏幕会读出手指下的内容，双击即选择该内容。false：此手势不起作用。',
  'How long the three fingers are held still to start or end explore by touch, in seconds.':
    '开启或结束触摸探索时，三根手指需按住不动的时间，单位为秒。',
  "IANA time zone of the schedule; default: the computer's own.":
    '开放时间所用的 IANA 时区；默认：电脑自身的时区。',
  'Opening hours that day, like ["09:00-12:00", "13:00-17:00"]; [] = closed.':
    '当天的开放时间，例如 ["09:00-12:00", "13:00-17:00"]；[] 表示闭馆。',
  'Which screen to use: 0 = the main one.': '使用哪一块屏幕：0 = 主屏幕。',
  'Folder where this kiosk keeps installed content packages (docs/fleet.md). Without it the kiosk shows the media folder as before.':
    '本展览终端存放已安装内容包的文件夹（docs/fleet.md）。不填时，展览终端照旧显示媒体文件夹中的内容。',
  'Public keys whose packages this kiosk installs (npm run keys:create adds one).':
    '本展览终端安装哪些公钥签名的内容包（用 npm run keys:create 可添加一个）。',
  'Whose key this is, for people to read.': '这是谁的公钥（供人阅读的说明）。',
  "Folders where the kiosk looks for package files (.kioskpkg) to list on the staff screen, such as the folder a USB stick appears in. Without it: the system's folders for removable media (Linux /media, /run/media and /mnt; Windows the drive letters after C). Visitor figures are saved onto a stick found there too. [] looks nowhere. Nothing found is installed until staff tap Install.":
    '展览终端在这些文件夹中查找内容包文件（.kioskpkg），列在工作人员画面上，例如 U 盘出现的文件夹。不填：使用系统的可移动存储文件夹（Linux 为 /media、/run/media 和 /mnt；Windows 为 C 之后的驱动器号）。参观统计数据也会保存到在那里找到的 U 盘上。[] 表示不在任何位置查找。找到的内容包要等工作人员点按 Install（安装）后才会安装。',
  'Install unsigned or foreign packages too. For development only; never on a museum floor.':
    '也安装未签名或来自其他发布方的内容包。仅用于开发；切勿在展厅中使用。',
  'Go back to the previous version by itself when the visitor screen keeps failing soon after a switch (docs/fleet.md).':
    '切换到新版本后不久，如果观众画面反复出错，自动回到上一个版本（docs/fleet.md）。',
  'Go back after this many renderer crashes or hangs (0 = never).':
    '观众画面崩溃或无响应达到此次数后回退（0 = 从不回退）。',
  '...within this many minutes of the switch to a new version.': '……且发生在切换到新版本后的这些分钟之内。',
  "Address of latest.json in the publish folder on a server of the museum's network (docs/fleet.md); the kiosk checks it for newer packages. Without it the kiosk never looks.":
    '博物馆网络中某台服务器上、发布文件夹里 latest.json 的地址（docs/fleet.md）；展览终端通过它检查是否有更新的内容包。不填时，展览终端从不检查。',
  'Minutes between two checks of the update address; after a failure the wait doubles, up to 4 hours.':
    '两次检查更新地址之间相隔的分钟数；检查失败后等待时间加倍，最长 4 小时。',
  'Longest time one package download may take before it is stopped.':
    '下载一个内容包允许的最长时间，超时即停止下载。',
  'A download that receives nothing for this long is stopped.':
    '下载时，如果这么长时间没有收到任何数据，即停止下载。',
  'Largest package file the kiosk downloads, in megabytes.':
    '展览终端可下载的最大内容包文件，单位为 MB（兆字节）。',
  'Count what visitors do on this kiosk (nothing personal; docs/privacy.md). false = record nothing.':
    '统计观众在本展览终端上的操作（不涉及任何个人信息；docs/privacy.md）。false = 不作任何记录。',
  'Days the counted events are kept; older ones are deleted.': '统计事件保留的天数；更早的事件会被删除。',
  'Largest size of the analytics database; the oldest events are deleted to stay under it.':
    '参观统计数据库的最大容量；超出时删除最早的事件，使其保持在此容量以内。',
  'Port of the kiosk\'s /metrics for Prometheus (docs/fleet.md, "Watching the fleet"). The preview serves /metrics on its own port as well.':
    '展览终端供 Prometheus 读取的 /metrics 所用的端口（docs/fleet.md，"Watching the fleet" 一节）。预览也会在它自己的端口上提供 /metrics。',
  "false: only this computer may read /metrics. true: Prometheus on the museum's network may too, with the token or from an allowed address (give at least one).":
    'false：只有本机可以读取 /metrics。true：博物馆网络中的 Prometheus 也可以读取，但须带有访问令牌，或来自允许的地址（至少设置其中一项）。',
  'With expose: Prometheus must send "Authorization: Bearer <token>" (its scrape setting authorization.credentials).':
    '开启 expose（对局域网开放）时：Prometheus 必须发送 "Authorization: Bearer <token>"（即它的抓取设置 authorization.credentials）。',
  'With expose: the addresses or networks (CIDR, e.g. "10.0.0.0/24") Prometheus scrapes from. With a token too, both must hold.':
    '开启 expose（对局域网开放）时：Prometheus 进行抓取所在的地址或网段（CIDR，例如 "10.0.0.0/24"）。若同时设置了访问令牌，两项条件都须满足。',
  'people/<id>.yaml: a person named in the exhibit.': 'people/<id>.yaml：展览中提到的一位人物。',
  'A few sentences; a blank line starts a new paragraph.': '几句话即可；空一行即开始新的段落。',
  'Photo id.': '照片标识。',
  'Shown before the biography, when it describes violence.': '生平描述了暴力时，在生平之前显示。',
  'Citations: a list of plain strings. At least one.': '引用出处：纯文字的列表，至少一条。',
  'photos/<id>.yaml: metadata of one photograph.': 'photos/<id>.yaml：一张照片的信息（元数据）。',
  'The image file, beside this .yaml file (jpg, jpeg, png or webp).':
    '图像文件，与此 .yaml 文件放在一起（jpg、jpeg、png 或 webp）。',
  'true: a generated stand-in, not the historical photograph.': 'true：这是生成的替代图片，并非历史照片。',
  'What the image shows, for screen readers.': '图像所呈现的内容，供屏幕阅读器读出。',
  'Who holds the original.': '原件的收藏者。',
  'Usage status.': '使用许可状况。',
  'Where the original is published.': '原件发表或刊载的出处。',
  'Person ids of people shown.': '照片中人物的标识。',
  'true: blurred until the visitor chooses to see it.': 'true：先模糊显示，观众选择查看后才清楚显示。',
  'The front matter (between --- lines) of stories/<id>/<lang>.md.':
    'stories/<id>/<lang>.md 的文件头信息（两行 --- 之间的部分）。',
  'One sentence, shown in the story list.': '一句话，显示在故事列表中。',
  'Photo id of the cover (read from the default-language file).':
    '封面照片的标识（从默认语言的文件中读取）。',
  'Position in the story list (default: by id).': '在故事列表中的位置（默认：按标识排序）。',
  'Ids of related items, grouped by kind: stories, people, diary, photos, timeline.':
    '相关条目的标识，按类型分组：stories（故事）、people（人物）、diary（日记摘录）、photos（照片）、timeline（时间线）。',
  'Citations (required in the default-language file).': '引用出处（默认语言的文件中必填）。',
  "true: this translation awaits a curator's review.": 'true：此译文尚待策展人审校。',
  'timeline.yaml: dated events.': 'timeline.yaml：带日期的事件。',
  'true for later acts of remembrance.': '事件属于后来的纪念活动时，填 true。',
  "Shown before the event's text, when it describes violence.": '事件的文字描述了暴力时，在正文之前显示。',
};

/** A field's help: its Chinese text in Chinese (falling back to the English), else the schema's description. */
export function helpOf(description: string, ui: UiLang): string {
  return (ui === 'zh-Hans' ? FIELD_HELP_ZH[description] : undefined) ?? description;
}
