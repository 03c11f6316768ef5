package io.aegis.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.springframework.stereotype.Component;

/**
 * Markdown to prose with commonmark-java (GitHub tables understood): paragraphs, headings and list items as their own
 * lines; code blocks, tables, HTML, images and rules dropped; links reduced to their words (a bare URL to nothing);
 * inline code to its text. Chosen for text/markdown, for a .md/.markdown name, or for plain text that plainly is
 * Markdown (a fenced code block, a table, or several headings): Tika reports Markdown as text/plain from the bytes.
 */
@Component
public class MarkdownNormaliser implements TextNormaliser {

    private static final List<String> TYPES = List.of("text/markdown", "text/x-markdown", "text/x-web-markdown");
    private static final Pattern FENCE = Pattern.compile("(?m)^\\s{0,3}(```|~~~)");
    private static final Pattern TABLE_RULE = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)+\\|?\\s*$");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+\\S");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    @Override
    public boolean handles(String mimeType, String filename, String text) {
        if (mimeType != null && TYPES.contains(mimeType)) {
            return true;
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return true;
        }
        boolean plain = mimeType == null || mimeType.startsWith("text/plain");
        return plain && (FENCE.matcher(text).find() || TABLE_RULE.matcher(text).find() || HEADING.matcher(text).results().limit(3).count() >= 3);
    }

    @Override
    public String normalise(String text) {
        Prose prose = new Prose();
        parser.parse(text).accept(prose);
        return BLANK_LINES.matcher(prose.text.toString()).replaceAll("\n\n").strip();
    }

    /** Walks the document, writing the words a reader reads. */
    private static final class Prose extends AbstractVisitor {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void visit(Paragraph paragraph) {
            visitChildren(paragraph);
            endBlock();
        }

        @Override
        public void visit(Heading heading) {
            visitChildren(heading);
            endBlock();
        }

        @Override
        public void visit(ListItem item) {
            visitChildren(item);
            endBlock();
        }

        @Override
        public void visit(BlockQuote quote) {
            visitChildren(quote);
        }

        @Override
        public void visit(Text node) {
            text.append(node.getLiteral());
        }

        @Override
        public void visit(Code code) {
            text.append(code.getLiteral());
        }

        @Override
        public void visit(Link link) {
            String words = literal(link);
            // <https://example.org> and [https://x](https://x): a URL is not prose.
            if (!words.isBlank() && !words.strip().equals(link.getDestination()) && !words.strip().startsWith("http")) {
                visitChildren(link);
            }
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            text.append(' ');
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            text.append(' ');
        }

        // Not prose: skipped with everything inside them.
        @Override
        public void visit(FencedCodeBlock code) {
        }

        @Override
        public void visit(IndentedCodeBlock code) {
        }

        @Override
        public void visit(HtmlBlock html) {
        }

        @Override
        public void visit(HtmlInline html) {
        }

        @Override
        public void visit(Image image) {
        }

        @Override
        public void visit(ThematicBreak rule) {
        }

        @Override
        public void visit(CustomBlock block) {
            if (!(block instanceof TableBlock)) {
                visitChildren(block);
            }
        }

        private void endBlock() {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
            text.setLength(end);
            if (end > 0 && text.charAt(end - 1) != '\n') {
                text.append("\n\n");
            }
        }

        private static String literal(Node node) {
            StringBuilder words = new StringBuilder();
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Text t) {
                    words.append(t.getLiteral());
                } else if (child instanceof Code c) {
                    words.append(c.getLiteral());
                } else {
                    words.append(literal(child));
                }
            }
            return words.toString();
        }
    }
}
