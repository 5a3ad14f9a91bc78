#include "indexer/shard_set.h"

#include "schema/schema.h"

namespace vigie::indexer {

ShardSet::ShardSet(const std::string& gen_dir, unsigned shards, bool create) {
    int flags = create ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS : Xapian::DB_OPEN;
    if (shards == 0) {
        shards_.emplace_back(gen_dir, flags);
        lexicon_ = shards_[0];
        return;
    }
    separate_lexicon_ = true;
    lexicon_ = Xapian::WritableDatabase(gen_dir + "/" + std::string(schema::kLexiconName), flags);
    for (unsigned k = 0; k < shards; ++k) shards_.emplace_back(gen_dir + "/" + schema::shard_name(k), flags);
}

std::string ShardSet::stub_text(const std::string& gen_name, unsigned shards) {
    if (shards == 0) return "auto " + gen_name + "\n";
    // The lexicon first: a multi-database answers get_metadata() from its first member.
    std::string text = "auto " + gen_name + "/" + std::string(schema::kLexiconName) + "\n";
    for (unsigned k = 0; k < shards; ++k) text += "auto " + gen_name + "/" + schema::shard_name(k) + "\n";
    return text;
}

ShardSet::ValueIterator::ValueIterator(const ShardSet* set, unsigned shard, Xapian::valueno slot)
    : set_(set), shard_(shard), slot_(slot) {
    if (shard_ < end_shard()) it_ = set_->shards_[shard_].valuestream_begin(slot_);
    settle();
}

void ShardSet::ValueIterator::settle() {
    while (shard_ < end_shard() && it_ == set_->shards_[shard_].valuestream_end(slot_)) {
        if (++shard_ < end_shard()) it_ = set_->shards_[shard_].valuestream_begin(slot_);
    }
}

Xapian::docid ShardSet::ValueIterator::get_docid() const { return set_->global_docid(it_.get_docid(), shard_); }

ShardSet::ValueIterator& ShardSet::ValueIterator::operator++() {
    ++it_;
    settle();
    return *this;
}

Xapian::Document ShardSet::get_document(Xapian::docid did) const {
    return shards_[shard_of_docid(did)].get_document(local_docid(did));
}

void ShardSet::replace_document(Xapian::docid did, const Xapian::Document& doc) {
    shards_[shard_of_docid(did)].replace_document(local_docid(did), doc);
}

Xapian::docid ShardSet::replace_document(const std::string& unique_term, const Xapian::Document& doc) {
    unsigned k = schema::shard_of(unique_term, shard_count());
    return global_docid(shards_[k].replace_document(unique_term, doc), k);
}

void ShardSet::delete_document(Xapian::docid did) {
    shards_[shard_of_docid(did)].delete_document(local_docid(did));
}

bool ShardSet::term_exists(const std::string& term) const {
    for (const Xapian::WritableDatabase& db : shards_)
        if (db.term_exists(term)) return true;
    return false;
}

Xapian::doccount ShardSet::get_doccount() const {
    Xapian::doccount n = 0;
    for (const Xapian::WritableDatabase& db : shards_) n += db.get_doccount();
    return n;
}

void ShardSet::commit() {
    // The lexicon first: a crash before the shards commit leaves entries
    // naming reports not yet stored (harmless, and the next run stores
    // them), never stored reports whose synonyms and spellings are lost
    // (the next run would skip those reports as unchanged).
    if (separate_lexicon_) lexicon_.commit();
    for (Xapian::WritableDatabase& db : shards_) db.commit();
}

void ShardSet::close() {
    for (Xapian::WritableDatabase& db : shards_) db.close();
    if (separate_lexicon_) lexicon_.close();
}

}  // namespace vigie::indexer
