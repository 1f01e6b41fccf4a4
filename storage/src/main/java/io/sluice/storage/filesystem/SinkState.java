package io.sluice.storage.filesystem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a lake sink subtask stores with a checkpoint: enough to finish every open file exactly as of
 * the checkpoint, and the files waiting for the checkpoint's commit.
 */
record SinkState(long nextSerial, List<OpenFileState> openFiles, List<PendingFile> pending) {
    private static final int FORMAT = 2;

    SinkState {
        openFiles = List.copyOf(openFiles);
        pending = List.copyOf(pending);
    }

    static SinkState empty() {
        return new SinkState(0, List.of(), List.of());
    }

    /**
     * A file still being written.
     *
     * @param location where its bytes are (a local in-progress or staging file)
     * @param length bytes of it that belong to the file at the checkpoint
     * @param footer footer metadata for those bytes
     */
    record OpenFileState(
            String partition,
            Map<String, String> partitionValues,
            String name,
            String location,
            long openedAtMillis,
            long length,
            long rows,
            byte[] footer) {
        OpenFileState {
            requireNonNull(partition, "partition is null");
            partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
            requireNonNull(name, "name is null");
            requireNonNull(location, "location is null");
            requireNonNull(footer, "footer is null");
        }
    }

    /** A multipart upload holding every part of a file, not completed yet. */
    record Multipart(String uploadId, List<String> partETags) {
        Multipart {
            requireNonNull(uploadId, "uploadId is null");
            partETags = List.copyOf(partETags);
        }
    }

    /**
     * A finished file waiting for the commit of {@code epoch} (or of a later epoch, when that one
     * never completed) to become visible.
     *
     * @param partitionValues values of the {@code partitioning.fields} columns, as text
     * @param location the finished file before it is published
     */
    record PendingFile(
            String partition,
            Map<String, String> partitionValues,
            String name,
            String location,
            long size,
            long rows,
            long epoch,
            Optional<Multipart> multipart) {
        PendingFile {
            requireNonNull(partition, "partition is null");
            partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
            requireNonNull(name, "name is null");
            requireNonNull(location, "location is null");
            requireNonNull(multipart, "multipart is null");
        }

        /** The file's path below the table root, with '/' separators. */
        String relativePath() {
            return partition.isEmpty() ? name : partition + "/" + name;
        }

        PendingFile withMultipart(Multipart upload) {
            return new PendingFile(
                    partition,
                    partitionValues,
                    name,
                    location,
                    size,
                    rows,
                    epoch,
                    Optional.of(upload));
        }
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(nextSerial);
            out.writeInt(openFiles.size());
            for (OpenFileState file : openFiles) {
                out.writeUTF(file.partition());
                writeMap(out, file.partitionValues());
                out.writeUTF(file.name());
                out.writeUTF(file.location());
                out.writeLong(file.openedAtMillis());
                out.writeLong(file.length());
                out.writeLong(file.rows());
                out.writeInt(file.footer().length);
                out.write(file.footer());
            }
            out.writeInt(pending.size());
            for (PendingFile file : pending) {
                out.writeUTF(file.partition());
                writeMap(out, file.partitionValues());
                out.writeUTF(file.name());
                out.writeUTF(file.location());
                out.writeLong(file.size());
                out.writeLong(file.rows());
                out.writeLong(file.epoch());
                out.writeBoolean(file.multipart().isPresent());
                if (file.multipart().isPresent()) {
                    out.writeUTF(file.multipart().get().uploadId());
                    out.writeInt(file.multipart().get().partETags().size());
                    for (String etag : file.multipart().get().partETags()) {
                        out.writeUTF(etag);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SinkState decode(byte[] state) {
        if (state.length == 0) {
            return empty();
        }
        if (state[0] == '{') {
            // the state of earlier versions: only the serial counter, {"next_serial":N}
            String digits = new String(state, UTF_8).replaceAll("[^0-9]", "");
            return new SinkState(
                    digits.isEmpty() ? 0 : Long.parseLong(digits), List.of(), List.of());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IOException("unknown sink state format " + format);
            }
            long nextSerial = in.readLong();
            List<OpenFileState> open = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String partition = in.readUTF();
                Map<String, String> values = readMap(in);
                String name = in.readUTF();
                String location = in.readUTF();
                long openedAt = in.readLong();
                long length = in.readLong();
                long rows = in.readLong();
                byte[] footer = new byte[in.readInt()];
                in.readFully(footer);
                open.add(
                        new OpenFileState(
                                partition, values, name, location, openedAt, length, rows, footer));
            }
            List<PendingFile> pending = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String partition = in.readUTF();
                Map<String, String> values = readMap(in);
                String name = in.readUTF();
                String location = in.readUTF();
                long size = in.readLong();
                long rows = in.readLong();
                long epoch = in.readLong();
                Optional<Multipart> multipart = Optional.empty();
                if (in.readBoolean()) {
                    String uploadId = in.readUTF();
                    List<String> etags = new ArrayList<>();
                    for (int p = in.readInt(); p > 0; p--) {
                        etags.add(in.readUTF());
                    }
                    multipart = Optional.of(new Multipart(uploadId, etags));
                }
                pending.add(
                        new PendingFile(
                                partition, values, name, location, size, rows, epoch, multipart));
            }
            return new SinkState(nextSerial, open, pending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sink's checkpoint state", e);
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeBoolean(entry.getValue() != null);
            if (entry.getValue() != null) {
                out.writeUTF(entry.getValue());
            }
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            String key = in.readUTF();
            map.put(key, in.readBoolean() ? in.readUTF() : null);
        }
        return map;
    }
}
