// Lucene 4.10 peer of the Vigie benchmark, driven by bench/peers/peer.py.
// One JVM per invocation; query times are measured here, around the search
// itself (parse + top-k + total + reading the k ids), after a warm-up (JIT).
//
//   java Lucene4Peer index DOCS.tsv INDEX_DIR
//       DOCS.tsv: id<TAB>title<TAB>heading<TAB>body, one line per document
//       (tabs, newlines and backslashes escaped as \t \n \\).
//   java Lucene4Peer search INDEX_DIR QUERIES.tsv K REPS MODE
//       QUERIES.tsv: qid<TAB>query (classic QueryParser syntax); MODE native|or.
//       Prints one JSON line per query: {qid, hits, total, times_ms}.
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public class Lucene4Peer {
    static final Version V = Version.LUCENE_4_10_4;
    static final String[] FIELDS = {"title", "heading", "body"};

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static BufferedReader open(String path) throws Exception {
        return new BufferedReader(new InputStreamReader(new FileInputStream(path), StandardCharsets.UTF_8));
    }

    static void index(String docs, String dir) throws Exception {
        Analyzer analyzer = new FrenchAnalyzer(V);
        IndexWriterConfig cfg = new IndexWriterConfig(V, analyzer);
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        cfg.setRAMBufferSizeMB(256);
        int n = 0;
        try (Directory d = FSDirectory.open(new File(dir)); IndexWriter w = new IndexWriter(d, cfg);
             BufferedReader in = open(docs)) {
            for (String line; (line = in.readLine()) != null;) {
                String[] f = line.split("\t", -1);
                Document doc = new Document();
                doc.add(new StringField("id", unescape(f[0]), Field.Store.YES));
                for (int i = 0; i < FIELDS.length && i + 1 < f.length; i++)
                    doc.add(new TextField(FIELDS[i], unescape(f[i + 1]), Field.Store.NO));
                w.addDocument(doc);
                n++;
            }
            w.forceMerge(1);
        }
        System.out.println("{\"docs\": " + n + "}");
    }

    static void search(String dir, String queries, int k, int reps, String mode) throws Exception {
        List<String[]> qs = new ArrayList<>();
        try (BufferedReader in = open(queries)) {
            for (String line; (line = in.readLine()) != null;) {
                int t = line.indexOf('\t');
                if (t > 0) qs.add(new String[] {line.substring(0, t), line.substring(t + 1)});
            }
        }
        Analyzer analyzer = new FrenchAnalyzer(V);
        try (Directory d = FSDirectory.open(new File(dir)); DirectoryReader r = DirectoryReader.open(d)) {
            IndexSearcher s = new IndexSearcher(r);
            MultiFieldQueryParser p = new MultiFieldQueryParser(V, FIELDS, analyzer);
            p.setDefaultOperator(mode.equals("or") ? QueryParser.Operator.OR : QueryParser.Operator.AND);
            // Warm-up, results discarded: at least 3 passes over the queries and 2 s,
            // so that the JIT has compiled the search paths before the timed runs.
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            for (int pass = 0; pass < 3 || (System.nanoTime() < warmEnd && pass < 1000); pass++) {
                for (String[] q : qs) {
                    try {
                        for (ScoreDoc sd : s.search(p.parse(q[1]), k).scoreDocs) s.doc(sd.doc);
                    } catch (Exception e) { /* reported below */ }
                }
            }
            for (String[] q : qs) {
                StringBuilder times = new StringBuilder();
                TopDocs top = null;
                String error = null;
                StringBuilder hits = new StringBuilder();
                for (int rep = 0; rep < reps; rep++) {
                    long t0 = System.nanoTime();
                    try {
                        top = s.search(p.parse(q[1]), k);
                        hits.setLength(0);
                        for (ScoreDoc sd : top.scoreDocs) {
                            if (hits.length() > 0) hits.append(", ");
                            hits.append(json(s.doc(sd.doc).get("id")));
                        }
                    } catch (Exception e) {
                        error = e.toString();
                    }
                    long t1 = System.nanoTime();
                    if (rep > 0) times.append(", ");
                    times.append(String.format(java.util.Locale.ROOT, "%.4f", (t1 - t0) / 1e6));
                }
                System.out.println("{\"qid\": " + json(q[0]) + ", \"hits\": [" + hits + "], \"total\": "
                        + (top == null ? 0 : top.totalHits) + ", \"times_ms\": [" + times + "]"
                        + (error == null ? "" : ", \"error\": " + json(error)) + "}");
            }
        }
    }

    public static void main(String[] a) throws Exception {
        if (a.length >= 3 && a[0].equals("index")) {
            index(a[1], a[2]);
        } else if (a.length >= 6 && a[0].equals("search")) {
            search(a[1], a[2], Integer.parseInt(a[3]), Integer.parseInt(a[4]), a[5]);
        } else {
            System.err.println("usage: Lucene4Peer index DOCS.tsv DIR | search DIR QUERIES.tsv K REPS native|or");
            System.exit(64);
        }
    }
}
