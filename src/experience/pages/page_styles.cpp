#include <cctype>
#include <cmath>

#include "experience/pages/page_kit.hpp"

namespace latch::experience {

std::string_view base_stylesheet() {
  return R"css(
:root { --brand: #5d34f2; --text: #1f1f29; --muted: #55556a; --error: #b3261e; --card: #fff;
  --bg: #f4f4f8; --field: #fff; --border: #8e8ea0; --on-brand: #fff; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", sans-serif;
  color: var(--text); background: var(--bg); }
.card { width: 100%; max-width: 420px; margin: 16px; padding: 32px; background: var(--card);
  border-radius: 16px; box-shadow: 0 4px 24px rgba(0,0,0,.08); }
@media (max-width: 480px) { .card { margin: 0; min-height: 100vh; border-radius: 0; padding: 24px; } }
.brand { margin-bottom: 16px; } .logo { max-height: 48px; max-width: 100%; }
.app-name { font-weight: 700; color: var(--brand); margin: 0; }
h1 { font-size: 1.5rem; margin: 0 0 8px; }
label { display: block; margin: 16px 0 6px; font-weight: 600; }
label.inline { display: inline; font-weight: 400; margin: 0 0 0 8px; }
input[type=text], input[type=password], input[type=email], input[type=tel] { width: 100%;
  padding: 12px; font: inherit; color: inherit; background: var(--field);
  border: 1px solid var(--border); border-radius: 8px; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid var(--brand);
  outline-offset: 2px; }
button, a.button { display: block; width: 100%; margin-top: 24px; padding: 12px; font: inherit;
  font-weight: 600; text-align: center; text-decoration: none; color: var(--on-brand);
  background: var(--brand); border: 0; border-radius: 8px; cursor: pointer; }
button.secondary, a.button.secondary { color: var(--text); background: transparent;
  border: 1px solid var(--border); margin-top: 12px; }
.error { color: var(--error); background: #fdecea; padding: 12px; border-radius: 8px; }
.notice { background: #e8f4ea; color: #1d4d27; padding: 12px; border-radius: 8px; }
.terms { margin-top: 16px; } .social { margin-top: 16px; }
.social form { margin: 0; }
button.social-button { display: flex; align-items: center; justify-content: center; gap: 12px; }
.social-logo { display: inline-flex; width: 20px; height: 20px; }
.social-logo svg { width: 20px; height: 20px; }
code.url { display: block; padding: 8px; overflow-wrap: anywhere; background: var(--field);
  border: 1px solid var(--border); border-radius: 8px; }
.muted, .hint { color: var(--muted); } .hint { font-size: .875rem; margin: 4px 0 0; }
a { color: var(--brand); }
ul.scopes { padding-left: 20px; }
ul.methods { padding-left: 20px; line-height: 1.8; }
p.qr { text-align: center; }
p.qr img { width: 200px; height: 200px; }
code.secret { display: block; padding: 8px; font-size: 1.05rem; letter-spacing: .08em;
  overflow-wrap: anywhere; background: var(--field); border: 1px solid var(--border);
  border-radius: 8px; user-select: all; }
dl.claims { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 16px 0; }
dl.claims dt { font-weight: 600; } dl.claims dd { margin: 0; overflow-wrap: anywhere; }
dl.claims.raw { font-size: .875rem; } h2 { font-size: 1.125rem; margin: 24px 0 0; }
ol.backup-codes { columns: 2; padding-left: 28px; font-size: 1.05rem; line-height: 1.8; }
.preview-ribbon { position: fixed; top: 0; left: 0; right: 0; margin: 0; padding: 2px 8px;
  font-size: .75rem; font-weight: 700; letter-spacing: .08em; text-align: center;
  text-transform: uppercase; color: var(--on-brand); background: var(--brand); opacity: .9; }
fieldset.preview-body { min-width: 0; margin: 0; padding: 0; border: 0; }
html.preview a, html.preview button { pointer-events: none; }
)css";
}

namespace {

// WCAG 2.x relative luminance of "#RRGGBB" (or "#RGB"); -1 when the text is not such a color.
double luminance(std::string_view color) {
  if (color.size() == 4 && color[0] == '#') {
    std::string full = "#";
    for (char c : color.substr(1)) full += std::string(2, c);
    return luminance(full);
  }
  if (color.size() != 7 || color[0] != '#') return -1;
  double channels[3];
  for (int i = 0; i < 3; ++i) {
    unsigned value = 0;
    for (char c : color.substr(1 + 2 * i, 2)) {
      int digit = std::isdigit(static_cast<unsigned char>(c))
                      ? c - '0'
                      : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
      if (digit < 0 || digit > 15) return -1;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    double v = value / 255.0;
    channels[i] = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

// The text color for buttons filled with `brand`: white or near-black, whichever contrasts
// more (an admin's light brand color would otherwise leave white text unreadable).
std::string on_brand(std::string_view brand) {
  double l = luminance(brand);
  if (l < 0) return "#fff";
  double white = 1.05 / (l + 0.05);
  double dark = (l + 0.05) / (0.0056 + 0.05);  // #111
  return white >= dark ? "#fff" : "#111";
}

}  // namespace

std::string brand_stylesheet(const SignInExperience& c, ColorScheme scheme) {
  std::string css = ":root { --brand: " + c.primary_color +
                    "; --on-brand: " + on_brand(c.primary_color) + "; }\n";
  if (c.dark_mode_enabled && scheme != ColorScheme::Light) {
    std::string dark = ":root { --brand: " + c.dark_primary_color +
                       "; --text: #f0f0f5; --muted: #b8b8c8; --card: #1f1f2b; --bg: #14141c; "
                       "--field: #14141c; --border: #6a6a80; --on-brand: " +
                       on_brand(c.dark_primary_color) +
                       "; }\n"
                       ".error { background: #3b1a1a; color: #ffb4ab; } .notice { background: "
                       "#1b3322; color: #b7f0c4; }";
    css += scheme == ColorScheme::Dark ? dark + "\n"
                                       : "@media (prefers-color-scheme: dark) { " + dark + " }\n";
  }
  return css + c.custom_css + "\n";
}

}  // namespace latch::experience
