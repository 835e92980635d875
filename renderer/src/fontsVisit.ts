// The faces a visit uses, cut to the characters the exhibit and the interface show: declared once the
// attract loop shows (fontLoading.ts), and every one of them loaded before a visitor can tap.
import 'virtual:kiosk-fonts.css';
