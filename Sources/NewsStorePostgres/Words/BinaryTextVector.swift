import PostgresNIO

/// A `tsvector` already in PostgreSQL's binary form (`TextVectors`), bound as one: a batch's vectors go as one
/// `tsvector[]`.
struct BinaryTextVector: PostgresNonThrowingEncodable, PostgresArrayEncodable {
    static let psqlType = PostgresDataType(3614)  // tsvector
    static let psqlArrayType = PostgresDataType(3643)  // tsvector[]
    static let psqlFormat = PostgresFormat.binary

    let bytes: [UInt8]

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeBytes(bytes)
    }
}
