package io.aegis.testmedia;

import java.nio.charset.StandardCharsets;

/** SVG documents written as text: ordinary drawings, and the hostile ones a renderer must never act on. */
public final class TestDrawings {

    private TestDrawings() {
    }

    /** A drawing with a transparent background, a blue disc and {@code words} in black, large enough to OCR. */
    public static byte[] withText(String words, int width, int height) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\">\n"
                + "  <circle cx=\"" + width * 0.85 + "\" cy=\"" + height / 2 + "\" r=\"" + height / 3 + "\" fill=\"#1e3cc8\"/>\n"
                + "  <text x=\"20\" y=\"" + height * 0.6 + "\" font-family=\"sans-serif\" font-size=\"" + height / 4
                + "\" fill=\"black\">" + words + "</text>\n"
                + "</svg>\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@link #withText} plus what a hostile drawing reaches for: images from {@code url} and from a local file,
     * and a script. A safe renderer draws the words and nothing else.
     */
    public static byte[] reachingOut(String words, String url, String localFile) {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"900\" height=\"200\">\n"
                + "  <script>fetch('" + url + "?script')</script>\n"
                + "  <image href=\"" + url + "\" x=\"600\" width=\"100\" height=\"100\"/>\n"
                + "  <image xlink:href=\"file://" + localFile + "\" x=\"700\" width=\"100\" height=\"100\"/>\n"
                + "  <text x=\"20\" y=\"120\" font-family=\"sans-serif\" font-size=\"60\">" + words + "</text>\n"
                + "</svg>\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An SVG whose text is an external entity naming a local file (XXE). */
    public static byte[] externalEntity(String fileUrl) {
        return ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM \"" + fileUrl + "\">]>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"100\"><text y=\"50\">&x;</text></svg>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Nine levels of ten entities each: 10⁹ "lol"s if a parser expanded them (billion laughs). */
    public static byte[] billionLaughs() {
        StringBuilder svg = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            svg.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        return svg.append("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lol9;</text></svg>\n").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A valid drawing that declares a page of 100 000 × 100 000 px: rendered small, never at that size. */
    public static byte[] hugeDeclaredSize() {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"100000\" viewBox=\"0 0 10 10\">"
                + "<rect width=\"10\" height=\"5\" fill=\"#c81e1e\"/></svg>").getBytes(StandardCharsets.UTF_8);
    }
}
