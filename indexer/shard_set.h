// The writable side of one index generation: one glass database, or a
// sharded set (a lexicon database plus N shard databases, see
// docs/index-format.md). Xapian 1.4 cannot route a write to a chosen
// sub-database of a WritableDatabase, so this holds one WritableDatabase
// per shard and offers the calls the indexer's Run makes, with the same
// names and meanings, over all of them:
//   - docids are global, interleaved as Xapian's own multi-database does
//     (global = (local - 1) * N + shard + 1); they are the writer's own (a
//     searcher's differ, the lexicon being the first database it opens);
//   - a new report goes to schema::shard_of(its id term), so a later run
//     finds, replaces or deletes it where it lives;
//   - spellings, synonyms and metadata go to the lexicon (for one database,
//     the database itself).
// Not thread-safe; one writer thread.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace vigie::indexer {

class ShardSet {
public:
    // Opens the generation at `gen_dir`: `shards` == 0 is one database at
    // gen_dir itself; N >= 1 is gen_dir/lexicon and gen_dir/shard-00 ...
    // With `create`, the databases are created afresh (overwriting).
    ShardSet(const std::string& gen_dir, unsigned shards, bool create);

    // The stub line(s) naming this generation, relative to the index folder.
    static std::string stub_text(const std::string& gen_name, unsigned shards);

    unsigned shard_count() const { return static_cast<unsigned>(shards_.size()); }

    // Walks one value slot over every shard (shard by shard); get_docid() is global.
    class ValueIterator {
    public:
        ValueIterator(const ShardSet* set, unsigned shard, Xapian::valueno slot);
        std::string operator*() const { return *it_; }
        Xapian::docid get_docid() const;
        ValueIterator& operator++();
        bool operator!=(const ValueIterator& o) const { return shard_ != o.shard_ || (shard_ < end_shard() && it_ != o.it_); }

    private:
        unsigned end_shard() const { return set_->shard_count(); }
        void settle();
        const ShardSet* set_;
        unsigned shard_;
        Xapian::valueno slot_;
        Xapian::ValueIterator it_;
    };
    ValueIterator valuestream_begin(Xapian::valueno slot) const { return ValueIterator(this, 0, slot); }
    ValueIterator valuestream_end(Xapian::valueno slot) const { return ValueIterator(this, shard_count(), slot); }

    Xapian::Document get_document(Xapian::docid did) const;
    void replace_document(Xapian::docid did, const Xapian::Document& doc);
    // Adds or replaces the report holding `unique_term` in the shard it routes to.
    Xapian::docid replace_document(const std::string& unique_term, const Xapian::Document& doc);
    void delete_document(Xapian::docid did);
    bool term_exists(const std::string& term) const;
    Xapian::doccount get_doccount() const;

    void add_spelling(const std::string& word, Xapian::termcount freqinc = 1) { lexicon_.add_spelling(word, freqinc); }
    void add_synonym(const std::string& term, const std::string& synonym) { lexicon_.add_synonym(term, synonym); }
    std::string get_metadata(const std::string& key) const { return lexicon_.get_metadata(key); }
    void set_metadata(const std::string& key, const std::string& value) { lexicon_.set_metadata(key, value); }

    // Commits the lexicon, then every shard. Not atomic across them: after a
    // crash between two, the next incremental run redoes what is missing.
    void commit();
    void close();

    Xapian::docid global_docid(Xapian::docid local, unsigned shard) const {
        return (local - 1) * shard_count() + shard + 1;
    }

private:
    unsigned shard_of_docid(Xapian::docid did) const { return (did - 1) % shard_count(); }
    Xapian::docid local_docid(Xapian::docid did) const { return (did - 1) / shard_count() + 1; }

    std::vector<Xapian::WritableDatabase> shards_;
    Xapian::WritableDatabase lexicon_;  // shares shards_[0] when not sharded
    bool separate_lexicon_ = false;
};

}  // namespace vigie::indexer
